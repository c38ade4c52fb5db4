/**
 * Configuration from the environment, validated once at start: a bad setting stops the process with a
 * message naming the variable, instead of failing later.
 */
import { validateSync } from 'class-validator';

export class ConfigError extends Error {}

export function loadConfig<T extends object>(EnvClass: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const defaults = new EnvClass() as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const text = env[key];
    raw[key] = text === undefined || text === '' ? defaults[key] : convertLike(defaults[key], text.trim());
  }
  const config = Object.assign(new EnvClass(), raw);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${shown(e.property, raw[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}

/** Comma-separated list, e.g. KAFKA_BROKERS. */
export const splitList = (value: string): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);

/** Environment values are text; a setting whose default is a number or boolean is read as one. */
function convertLike(example: unknown, text: string): unknown {
  if (typeof example === 'number') return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  if (typeof example === 'boolean') return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : text;
  return text;
}

/** A rejected value as the error message may show it: secrets hidden, passwords in URLs masked. */
function shown(name: string, value: unknown): string {
  if (/KEY|SECRET|PASSWORD|TOKEN/i.test(name)) return value === undefined ? 'undefined' : '"[hidden]"';
  return JSON.stringify(typeof value === 'string' ? value.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:[hidden]@') : value);
}
