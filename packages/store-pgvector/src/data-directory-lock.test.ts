import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import { KnowhowError } from '@knowhow/rag-core';
import { lockDataDirectory } from './data-directory-lock.js';

// Other processes use the built module (`npm test` builds first).
const lockModule = fileURLToPath(new URL('../dist/data-directory-lock.js', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

/** Starts a process that tries to lock `directory`; resolves with its first line of output. */
function contender(
  directory: string,
  holdMs: number,
): { child: ChildProcess; outcome: Promise<string> } {
  const script = `
    const { lockDataDirectory } = await import(${JSON.stringify(lockModule)});
    try { await lockDataDirectory(${JSON.stringify(directory)}); console.log('locked'); }
    catch (error) { console.log(error.code ?? error.message); process.exit(0); }
    setTimeout(() => process.exit(0), ${holdMs});`;
  const child = spawn(process.execPath, ['--input-type=module', '--eval', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const outcome = new Promise<string>((resolve) =>
    child.stdout?.once('data', (data: Buffer) => resolve(data.toString().trim())),
  );
  return { child, outcome };
}

async function staleLock(directory: string): Promise<void> {
  // pid 2^22+ is above Linux's default pid_max: no such process.
  await writeFile(
    join(directory, 'knowhow.lock'),
    JSON.stringify({
      pid: 4_194_999,
      hostname: hostname(),
      command: 'knowhow ingest',
      startedAt: 'yesterday',
    }),
  );
}

describe('lockDataDirectory', () => {
  it('refuses a second process, naming the process that holds the directory', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'knowhow-lock-'));
    const holder = contender(directory, 60_000);
    expect(await holder.outcome).toBe('locked');
    const error = await lockDataDirectory(directory).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KnowhowError);
    expect(error).toMatchObject({
      code: 'database_locked',
      message: expect.stringContaining(`in use by process ${holder.child.pid}`),
    });
    expect((error as Error).message).toContain('set DATABASE_URL');
  });

  it('takes over a lock left by a process that no longer runs, and releases it', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'knowhow-lock-'));
    await staleLock(directory);
    const lock = await lockDataDirectory(directory);
    expect(JSON.parse(await readFile(join(directory, 'knowhow.lock'), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    lock.release();
    expect(existsSync(join(directory, 'knowhow.lock'))).toBe(false);
  });

  it('lets exactly one of several processes racing for a stale lock win', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'knowhow-lock-'));
    await staleLock(directory);
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => contender(directory, 2_000).outcome));
    expect(outcomes.filter((outcome) => outcome === 'locked')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'database_locked')).toHaveLength(3);
  });

  it('treats an unreadable lock file as being written by its owner while it is fresh', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'knowhow-lock-'));
    await writeFile(join(directory, 'knowhow.lock'), '');
    await expect(lockDataDirectory(directory)).rejects.toThrow('in use by another process');
    const old = new Date(Date.now() - 60_000);
    await utimes(join(directory, 'knowhow.lock'), old, old);
    (await lockDataDirectory(directory)).release();
  });

  it('refuses a second open within the same process', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'knowhow-lock-'));
    const lock = await lockDataDirectory(directory);
    await expect(lockDataDirectory(directory)).rejects.toThrow(`in use by process ${process.pid}`);
    lock.release();
  });

  it('treats a lock of an earlier process with our own pid as stale', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'knowhow-lock-'));
    // Containers start the app as pid 1 every time: the file may carry our pid.
    await writeFile(
      join(directory, 'knowhow.lock'),
      JSON.stringify({
        pid: process.pid,
        hostname: hostname(),
        command: 'old',
        startedAt: 'yesterday',
      }),
    );
    (await lockDataDirectory(directory)).release();
  });

  it('records the command but not its arguments, which may be a question', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'knowhow-lock-'));
    const lock = await lockDataDirectory(directory);
    const holder = JSON.parse(await readFile(join(directory, 'knowhow.lock'), 'utf8')) as {
      command: string;
    };
    expect(holder.command).not.toContain(' --');
    expect(holder.command.split(' ').length).toBeLessThanOrEqual(2);
    lock.release();
  });
});
