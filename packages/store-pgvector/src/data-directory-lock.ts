import { mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { KnowhowError } from '@knowhow/rag-core';

interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  readonly command: string;
  readonly startedAt: string;
}

export interface DataDirectoryLock {
  release(): void;
}

// Directories this process holds, so a leftover lock of an earlier process that had the
// same pid (common in containers, where the app is pid 1) is recognised as stale.
const heldHere = new Set<string>();
// A lock file younger than this that cannot be read is being written by its owner.
const writingGraceMs = 10_000;

/**
 * Embedded Postgres is single-process: two processes writing one data directory corrupt it.
 * The lock file names its holder so the second process can say who has it. A lock left by a
 * crashed process is taken over; taking over is re-checked after a moment, so two processes
 * racing for the same stale lock cannot both win.
 */
export async function lockDataDirectory(directory: string): Promise<DataDirectoryLock> {
  mkdirSync(directory, { recursive: true });
  const path = join(directory, 'knowhow.lock');
  const holder: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    command: describeCommand(),
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3 && !tryCreate(path, holder); attempt += 1) {
    const current = readHolder(path);
    if (current === 'missing') continue;
    if (current === 'unreadable') {
      if (ageMs(path) < writingGraceMs) throw lockedError(directory, undefined);
    } else if (isHeld(current, directory)) {
      throw lockedError(directory, current);
    }
    // Stale: remove it only if it is still the file judged stale, then try again.
    if (sameHolder(readHolder(path), current)) removeIfPresent(path);
  }
  await sleep(25);
  const confirmed = readHolder(path);
  if (!sameHolder(confirmed, holder)) {
    throw lockedError(directory, typeof confirmed === 'object' ? confirmed : undefined);
  }
  heldHere.add(directory);
  const release = () => {
    process.removeListener('exit', release);
    heldHere.delete(directory);
    if (sameHolder(readHolder(path), holder)) removeIfPresent(path);
  };
  // A crash still leaves the file, which the next process recognises as stale by its pid.
  process.on('exit', release);
  return { release };
}

// The command without its arguments: a search's text is not recorded.
function describeCommand(): string {
  const [, script, subcommand] = process.argv;
  const name = script ? basename(script).replace(/\.[cm]?js$/, '') : 'node';
  return subcommand && /^[a-z][a-z-]*$/.test(subcommand) ? `${name} ${subcommand}` : name;
}

function tryCreate(path: string, holder: LockHolder): boolean {
  try {
    writeFileSync(path, `${JSON.stringify(holder)}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function readHolder(path: string): LockHolder | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    return typeof holder.pid === 'number' ? holder : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

function sameHolder(
  a: LockHolder | 'missing' | 'unreadable',
  b: LockHolder | 'missing' | 'unreadable',
): boolean {
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  return a.pid === b.pid && a.hostname === b.hostname && a.startedAt === b.startedAt;
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function isHeld(holder: LockHolder, directory: string): boolean {
  // A process on another machine (shared disk) cannot be checked: assume it is alive.
  if (holder.hostname !== hostname()) return true;
  if (holder.pid === process.pid) return heldHere.has(directory);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockedError(directory: string, holder: LockHolder | undefined): KnowhowError {
  const who = holder
    ? `process ${holder.pid} on ${holder.hostname} (${holder.command}, started ${holder.startedAt})`
    : 'another process';
  return new KnowhowError(
    'database_locked',
    `The embedded database in ${directory} is in use by ${who}. Embedded Postgres serves one process at a time: stop that process, or set DATABASE_URL to a Postgres server that several processes can share.`,
  );
}
