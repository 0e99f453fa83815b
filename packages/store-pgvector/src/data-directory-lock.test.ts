import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import { lockDataDirectory } from './data-directory-lock.js';
import { StoreError } from './store-error.js';

const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

// Another process takes the lock through the built module (`npm test` builds first) and holds
// it until killed.
async function holdInAnotherProcess(directory: string): Promise<ChildProcess> {
  const module = fileURLToPath(new URL('../dist/data-directory-lock.js', import.meta.url));
  const script = `const { lockDataDirectory } = await import(${JSON.stringify(module)}); lockDataDirectory(${JSON.stringify(directory)}); console.log('locked'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '--eval', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return child;
}

describe('lockDataDirectory', () => {
  it('refuses a second process, naming the process that holds the directory', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'knowhow-lock-'));
    const holder = await holdInAnotherProcess(directory);
    const error = (() => {
      try {
        lockDataDirectory(directory);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({
      code: 'database_locked',
      message: expect.stringContaining(`in use by process ${holder.pid}`),
    });
    expect((error as Error).message).toContain('set DATABASE_URL');
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'knowhow-lock-'));
    const holder = await holdInAnotherProcess(directory);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    const lock = lockDataDirectory(directory);
    expect(JSON.parse(await readFile(join(directory, 'knowhow.lock'), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    lock.release();
    expect(existsSync(join(directory, 'knowhow.lock'))).toBe(false);
  });

  it('refuses a second open within the same process', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'knowhow-lock-'));
    const lock = lockDataDirectory(directory);
    expect(() => lockDataDirectory(directory)).toThrow(`in use by process ${process.pid}`);
    lock.release();
  });

  it('treats a lock of an earlier process with our own pid as stale', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'knowhow-lock-'));
    // Containers start the app as pid 1 every time: the file may carry our pid.
    const { hostname } = await import('node:os');
    await writeFile(
      join(directory, 'knowhow.lock'),
      JSON.stringify({
        pid: process.pid,
        hostname: hostname(),
        command: 'old',
        startedAt: 'yesterday',
      }),
    );
    lockDataDirectory(directory).release();
  });
});
