/** Starting and stopping the built services as real child processes, with their logs kept as test artifacts. */
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');
export const ARTIFACTS = join(REPO, 'test/artifacts');
export type AppName = 'ingest-api' | 'projector' | 'query-api';

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

/** Node flags each service is run with, as scripts/stack.sh and deploy/compose run them (README, "Memory"). */
export const NODE_FLAGS: Record<AppName, string[]> = {
  'ingest-api': [],
  projector: ['--max-old-space-size=384'],
  'query-api': [],
};

export function builtApp(app: string): string {
  const main = join(REPO, 'dist/apps', app, 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first (npm test does)`);
  return main;
}

export interface RunningApp {
  name: AppName;
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
}

export function startApp(name: AppName, port: number, env: Record<string, string>, logName: string): RunningApp {
  mkdirSync(join(ARTIFACTS, 'logs'), { recursive: true });
  const log = createWriteStream(join(ARTIFACTS, 'logs', `${logName}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [...NODE_FLAGS[name], builtApp(name)], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  return { name, port, child, exited };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs` with `what`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function waitReady(app: RunningApp, timeoutMs = 60_000): Promise<void> {
  let exitCode: number | null | undefined;
  void app.exited.then((c) => (exitCode = c));
  await eventually(`${app.name} on port ${app.port} to be ready`, async () => {
    if (exitCode !== undefined) throw new Error(`${app.name} exited with ${exitCode}`);
    const res = await fetch(`http://127.0.0.1:${app.port}/health/ready`);
    return res.ok ? true : undefined;
  }, timeoutMs, 200);
}

export async function stopApp(app: RunningApp, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  app.child.kill(signal);
  const timer = setTimeout(() => app.child.kill('SIGKILL'), 10_000);
  await app.exited;
  clearTimeout(timer);
}
