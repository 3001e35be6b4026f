/** Runs one program invocation in a fresh scratch directory (QM programs litter their working directory). */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ExecResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallSeconds: number;
}

export function execInScratch(
  program: string,
  args: readonly string[],
  files: Readonly<Record<string, string>>,
): Promise<ExecResult> {
  const dir = mkdtempSync(join(tmpdir(), 'lode-data-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const start = performance.now();
  return new Promise((resolve, reject) => {
    // One thread per process: the runner's parallelism is across processes.
    const env = { ...process.env, OMP_NUM_THREADS: '1', OMP_STACKSIZE: '1G' };
    const child = spawn(program, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      rmSync(dir, { recursive: true, force: true });
      reject(e);
    });
    child.on('close', (code) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({
        code,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
        wallSeconds: (performance.now() - start) / 1000,
      });
    });
  });
}
