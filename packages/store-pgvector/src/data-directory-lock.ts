import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreError } from './store-error.js';

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

/**
 * Embedded Postgres is single-process: two processes writing one data directory corrupt it.
 * The lock file names its holder so the second process can say who has it.
 */
export function lockDataDirectory(directory: string): DataDirectoryLock {
  mkdirSync(directory, { recursive: true });
  const path = join(directory, 'knowhow.lock');
  const holder: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    command: process.argv.slice(1).join(' ').slice(0, 200),
    startedAt: new Date().toISOString(),
  };
  if (!tryCreate(path, holder)) {
    const current = readHolder(path);
    if (current && isHeld(current, directory)) throw lockedError(directory, current);
    unlinkSync(path);
    if (!tryCreate(path, holder)) throw lockedError(directory, readHolder(path));
  }
  heldHere.add(directory);
  const release = () => {
    process.removeListener('exit', release);
    heldHere.delete(directory);
    if (readHolder(path)?.pid === holder.pid) unlinkSync(path);
  };
  // A crash still leaves the file, which the next process recognises as stale by its pid.
  process.on('exit', release);
  return { release };
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

function readHolder(path: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return undefined;
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

function lockedError(directory: string, holder: LockHolder | undefined): StoreError {
  const who = holder
    ? `process ${holder.pid} on ${holder.hostname} (${holder.command || 'unknown command'}, started ${holder.startedAt})`
    : 'another process';
  return new StoreError(
    'database_locked',
    `The embedded database in ${directory} is in use by ${who}. Embedded Postgres serves one process at a time: stop that process, or set DATABASE_URL to a Postgres server that several processes can share.`,
  );
}
