import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { freePort } from './support/free-port.js';
import { startKnowhow } from './support/run-knowhow.js';

/** The node command line of a running process, as the kernel reports it. */
async function commandLine(pid: number | undefined): Promise<string[]> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8');
  return raw.split('\0').filter(Boolean);
}

/** Every command line the process has had, read every 10 ms until it ends. */
async function commandLinesUntilExit(pid: number | undefined): Promise<string[][]> {
  const seen: string[][] = [];
  for (;;) {
    const line = await commandLine(pid).catch(() => undefined);
    if (!line || line.length === 0) return seen;
    seen.push(line);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
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
    const lines = await commandLinesUntilExit(search.pid);
    const result = await search.stop();
    expect(result.code).toBe(1);
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
    } finally {
      await bot.stop();
    }
    // On a server nothing embedded runs: the command starts once, as it was called (nobody
    // listens at that port, so it ends soon).
    const server = startKnowhow(['search', 'vacation'], {
      cwd: workspace,
      env: { DATABASE_URL: 'postgres://knowhow:knowhow@127.0.0.1:1/knowhow' },
    });
    const seen = await commandLinesUntilExit(server.pid);
    await server.stop();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((line) => line.includes('--liftoff-only'))).toBe(false);
  }, 180_000);
});
