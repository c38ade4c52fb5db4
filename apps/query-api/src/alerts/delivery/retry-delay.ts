/** Exponential backoff between webhook attempts: base, 2·base, 4·base, … capped at an hour. */
const MAX_DELAY_MS = 3_600_000;

/** The wait after failed attempt number `attempt` (1-based). */
export const retryDelayMs = (attempt: number, baseMs: number): number => Math.min(MAX_DELAY_MS, baseMs * 2 ** (attempt - 1));
