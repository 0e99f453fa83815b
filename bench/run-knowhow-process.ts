import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../apps/cli/bin/knowhow.js', import.meta.url));

export interface ProcessRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
  /** Peak resident memory of the process (its worker threads included), from VmHWM. */
  readonly peakRssMb: number;
  /** When `signal` was sent: seconds from then to the process's end. */
  readonly stopSeconds?: number;
}

/**
 * Runs the built `knowhow` as its own process, as a user would, and records its wall time
 * and peak memory. With `signal`, sends it once `when(stderr, stdout)` holds (or after
 * `afterMs`) and measures how long the process takes to end.
 */
export function runKnowhowProcess(
  args: readonly string[],
  options: {
    cwd: string;
    env: Record<string, string>;
    signal?: NodeJS.Signals;
    when?: (stderr: string, stdout: string) => boolean;
    afterMs?: number;
  },
): Promise<ProcessRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let peakKb = 0;
  let signalledAt: number | undefined;
  const signal = () => {
    if (signalledAt !== undefined || !options.signal) return;
    signalledAt = performance.now();
    child.kill(options.signal);
  };
  const check = () => {
    if (options.when?.(stderr, stdout)) signal();
  };
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    check();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    check();
  });
  const poll = setInterval(() => {
    readFile(`/proc/${child.pid}/status`, 'utf8').then(
      (status) => {
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        peakKb = Math.max(peakKb, kb);
      },
      () => undefined,
    );
  }, 50);
  const timer =
    options.signal && options.afterMs !== undefined
      ? setTimeout(signal, options.afterMs)
      : undefined;
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      const ended = performance.now();
      resolve({
        code,
        stdout,
        stderr,
        seconds: (ended - started) / 1000,
        peakRssMb: Math.round(peakKb / 1024),
        ...(signalledAt !== undefined ? { stopSeconds: (ended - signalledAt) / 1000 } : {}),
      });
    });
  });
}

/** A long-running `knowhow` (a bot) whose memory is read while it works. */
export interface RunningKnowhow {
  /** Resolves once stdout or stderr contains `text`; rejects if the process ends first. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  /** Resident memory now and at its peak (VmRSS, VmHWM). */
  memoryMb(): Promise<{ rssMb: number; peakMb: number }>;
  stop(): Promise<number | null>;
}

export function startKnowhowProcess(
  args: readonly string[],
  options: { cwd: string; env: Record<string, string> },
): RunningKnowhow {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const ended = new Promise<number | null>((resolve) => child.once('close', resolve));
  return {
    waitForOutput(text, timeoutMs = 180_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${text}" in: ${output}`)), timeoutMs);
        const check = () => {
          if (!output.includes(text)) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        check();
        void ended.then(() => reject(new Error(`knowhow ended before "${text}": ${output}`)));
      });
    },
    async memoryMb() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
    },
    stop() {
      child.kill('SIGTERM');
      return ended;
    },
  };
}
