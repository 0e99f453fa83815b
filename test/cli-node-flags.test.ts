import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { freePort } from './support/free-port.js';
import { type RunningKnowhow, startKnowhow } from './support/run-knowhow.js';

/** The node command line of a running process, as the kernel reports it. */
async function commandLine(pid: number | undefined): Promise<string[]> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8');
  return raw.split('\0').filter(Boolean);
}

/**
 * Every command line the process has had, read every 10 ms until it has ended (an empty
 * read is the moment of execve, or the end).
 */
async function commandLinesUntilExit(running: RunningKnowhow): Promise<string[][]> {
  const seen: string[][] = [];
  const deadline = Date.now() + 60_000;
  while (running.output().code === null && Date.now() < deadline) {
    const line = await commandLine(running.pid).catch(() => []);
    if (line.length > 0) seen.push(line);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return seen;
}

describe('node flags per command', () => {
  let workspace: string;
  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'knowhow-node-flags-'));
  });
  afterEach(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  it('runs a short command on embedded Postgres without the optimising tier, in the same process', async () => {
    // `search` without a knowledge base says so and exits: its command line is read until then.
    const search = startKnowhow(['search', 'vacation'], { cwd: workspace });
    const lines = await commandLinesUntilExit(search);
    expect(search.output().code).toBe(1);
    expect(lines.some((line) => line.includes('--liftoff-only') && line.includes('search'))).toBe(
      true,
    );
  }, 120_000);

  it('keeps the optimising tier for a bot, which can collect its garbage, and on a Postgres server', async () => {
    const port = await freePort();
    const bot = startKnowhow(['teams'], {
      cwd: workspace,
      env: { TEAMS_ALLOW_ANONYMOUS: 'true', PORT: String(port) },
    });
    try {
      await bot.waitForOutput('Knowhow is answering in Teams', 120_000);
      const line = await commandLine(bot.pid);
      expect(line).not.toContain('--liftoff-only');
      // A bot gives its garbage back after a burst of questions (bot-host's release-memory).
      expect(line).toContain('--expose-gc');
      // And with allocator thresholds that return freed native memory.
      const environment = (await readFile(`/proc/${bot.pid}/environ`, 'utf8')).split('\0');
      expect(environment).toContain('MALLOC_TRIM_THRESHOLD_=131072');
      expect(environment).toContain('MALLOC_MMAP_THRESHOLD_=131072');
    } finally {
      await bot.stop();
    }
    // On a server nothing embedded runs: the command starts once, as it was called (nobody
    // listens at that port, so it ends soon).
    const server = startKnowhow(['search', 'vacation'], {
      cwd: workspace,
      env: { DATABASE_URL: 'postgres://knowhow:knowhow@127.0.0.1:1/knowhow' },
    });
    const seen = await commandLinesUntilExit(server);
    await server.stop();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((line) => line.includes('--liftoff-only'))).toBe(false);
  }, 180_000);
});
