import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/free-port.js';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startKnowhow } from './support/run-knowhow.js';

/** The node command line of a running process, as the kernel reports it. */
async function commandLine(pid: number | undefined): Promise<string[]> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8');
  return raw.split('\0').filter(Boolean);
}

async function waitForCommandLine(pid: number | undefined, has: string): Promise<string[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const line = await commandLine(pid);
    if (line.includes(has) || Date.now() > deadline) return line;
    await new Promise((resolve) => setTimeout(resolve, 50));
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
    const chat = startKnowhow(['chat'], { cwd: workspace });
    try {
      const line = await waitForCommandLine(chat.pid, '--liftoff-only');
      expect(line).toContain('--liftoff-only');
      expect(line).toContain('chat');
    } finally {
      await chat.stop();
    }
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
    // On a server nothing embedded runs: the command starts once, as it was called. Its
    // command line is read until it ends (nobody listens at that port).
    const server = startKnowhow(['chat'], {
      cwd: workspace,
      env: { DATABASE_URL: 'postgres://knowhow:knowhow@127.0.0.1:1/knowhow' },
    });
    const seen: string[][] = [];
    for (let ended = false; !ended;) {
      const line = await commandLine(server.pid).catch(() => undefined);
      if (line && line.length > 0) seen.push(line);
      else ended = true;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await server.stop();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((line) => line.includes('--liftoff-only'))).toBe(false);
  }, 180_000);
});
