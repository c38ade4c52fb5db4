/** One webhook attempt: POST the JSON, 2xx within the timeout is delivered; anything else is a failure to retry. */
export type WebhookOutcome = { delivered: true; statusCode: number } | { delivered: false; statusCode: number | null; error: string };

export async function postWebhook(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<WebhookOutcome> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'dossier-indicators-alerts/1', ...headers },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { delivered: true, statusCode: res.status };
    return { delivered: false, statusCode: res.status, error: `HTTP ${res.status}` };
  } catch (e) {
    const err = e as Error & { cause?: { message?: string } };
    const error = err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : [err.message, err.cause?.message].filter(Boolean).join(': ');
    return { delivered: false, statusCode: null, error: error.slice(0, 500) };
  }
}
