import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../apps/cli/bin/knowhow.js', import.meta.url));

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** With a signal sent (runKnowhowUntil): how long the process took to end after it. */
  readonly stoppedAfterMs?: number;
}

/**
 * Runs the built `knowhow` command (`npm test` builds first) in `cwd` with only the given
 * variables besides PATH and HOME, so the developer's own configuration never leaks in.
 */
export function runKnowhow(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; input?: string },
): Promise<CommandResult> {
  return runKnowhowUntil(args, options);
}

/** Like runKnowhow; sends `signal` to the process once its stderr satisfies `when`. */
export function runKnowhowUntil(
  args: readonly string[],
  options: {
    cwd: string;
    env?: Record<string, string>;
    when?: (stderr: string, stdout: string) => boolean;
    signal?: NodeJS.Signals;
    /** Written to the command's stdin, which is then closed (unless `keepStdinOpen`). */
    input?: string;
    keepStdinOpen?: boolean;
  },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    let signalledAt: number | undefined;
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        KNOWHOW_EMBEDDINGS: 'none',
        ...options.env,
      },
    });
    if (options.keepStdinOpen) child.stdin.write(options.input ?? '');
    else child.stdin.end(options.input ?? '');
    let stdout = '';
    let stderr = '';
    const check = () => {
      if (signalledAt === undefined && options.when?.(stderr, stdout)) {
        signalledAt = performance.now();
        child.kill(options.signal ?? 'SIGINT');
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      check();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      check();
    });
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({
        code,
        stdout,
        stderr,
        ...(signalledAt === undefined ? {} : { stoppedAfterMs: performance.now() - signalledAt }),
      }),
    );
  });
}

/** A long-running `knowhow` command (a bot) to talk to while it runs. */
export interface RunningKnowhow {
  readonly pid: number | undefined;
  readonly output: () => CommandResult;
  /** Resolves once stdout or stderr contains `text`; rejects if the process ends first. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  /** Sends the signal and resolves with the result once the process has ended. */
  stop(signal?: NodeJS.Signals): Promise<CommandResult>;
}

export function startKnowhow(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): RunningKnowhow {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      KNOWHOW_EMBEDDINGS: 'none',
      ...options.env,
    },
  });
  let stdout = '';
  let stderr = '';
  let code: number | null | undefined;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<CommandResult>((resolve) =>
    child.once('close', (exitCode) => {
      code = exitCode;
      resolve({ code: exitCode, stdout, stderr });
    }),
  );
  return {
    pid: child.pid,
    output: () => ({ code: code ?? null, stdout, stderr }),
    async waitForOutput(text, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!stdout.includes(text) && !stderr.includes(text)) {
        if (code !== undefined) throw new Error(`knowhow ended (${code}): ${stderr}`);
        if (Date.now() > deadline) throw new Error(`no "${text}" after ${timeoutMs} ms: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop(signal = 'SIGTERM') {
      if (code === undefined) child.kill(signal);
      return ended;
    },
  };
}
