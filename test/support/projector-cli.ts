/** Runs the projector's maintenance commands (rebuild, replay) as the operator would: the built binary. */
import { spawn } from 'node:child_process';
import { NODE_FLAGS, builtApp } from './processes';

export interface CliRun<T = any> {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The JSON result printed on stdout, when there is one. */
  result?: T;
}

export function runProjectorCli<T = any>(args: string[], env: Record<string, string>, onStart?: (pid: number) => void): Promise<CliRun<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS.projector, builtApp('projector'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid !== undefined) onStart?.(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (status) => {
      let result: T | undefined;
      try {
        result = JSON.parse(stdout.trim().split('\n').pop() ?? '');
      } catch {
        /* no result */
      }
      resolve({ status, stdout, stderr, result });
    });
  });
}
