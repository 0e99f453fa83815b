import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { FakeConfluence } from '@knowhow/sources/testing';
import { testBackends } from '@knowhow/store-pgvector/testing';
import { type RunningKnowhow, runKnowhow, startKnowhow } from './support/run-knowhow.js';
import { startTcpProxy } from './support/tcp-proxy.js';

const server = testBackends().find((backend) => backend.name === 'Postgres');

/** Resolves with the exit once the process ends on its own. */
async function exited(running: RunningKnowhow, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (running.output().code === null && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return running.stop('SIGKILL');
}

jest.setTimeout(180_000);

// What compose's sync service runs: `knowhow sync --schedule`, a process of its own.
describe('knowhow sync --schedule', () => {
  let fake: FakeConfluence;
  let workspace: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await FakeConfluence.start();
    fake.addSpace('ENG', 'Engineering');
    workspace = await mkdtemp(join(tmpdir(), 'knowhow-sync-schedule-'));
    // Elsewhere than the working folder, as the container mounts it.
    const config = join(await mkdtemp(join(tmpdir(), 'knowhow-config-')), 'knowhow.yaml');
    await writeFile(
      config,
      `sources:\n  - name: wiki\n    type: confluence\n    url: ${fake.cloudUrl}\n    spaces: [ENG]\n    email: ${fake.credentials.email}\n    token: \${CONFLUENCE_API_TOKEN}\n`,
    );
    env = {
      KNOWHOW_DATA_DIR: join(workspace, 'data'),
      KNOWHOW_CONFIG: config,
      KNOWHOW_SYNC_INTERVAL: '2s',
      CONFLUENCE_API_TOKEN: fake.credentials.token,
    };
  });
  afterAll(() => fake.close());

  it('syncs the sources of KNOWHOW_CONFIG every KNOWHOW_SYNC_INTERVAL until SIGTERM', async () => {
    const page = fake.addPage('ENG', 'Laptops', '<p>Every engineer gets a laptop.</p>');
    const sync = startKnowhow(['sync', '--schedule'], { cwd: workspace, env });
    try {
      await sync.waitForOutput('Syncing wiki every 2 s (KNOWHOW_SYNC_INTERVAL).', 60_000);
      await sync.waitForOutput('wiki (confluence → wiki): added 2 ·', 60_000);
      fake.edit(page, { body: '<p>Every engineer gets a laptop and a monitor.</p>' });
      await sync.waitForOutput('updated 1 ·', 60_000);
      // A service: operator logs at info, as the bots'.
      expect(sync.output().stderr).toContain('"type":"sync.finished"');
    } finally {
      const result = await sync.stop('SIGTERM');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Stopped.');
      expect(result.stdout + result.stderr).not.toContain(fake.credentials.token);
    }
  });

  it('with --json prints only the passes on stdout, one JSON document a line', async () => {
    const sync = startKnowhow(['sync', '--schedule', '--json'], { cwd: workspace, env });
    try {
      await sync.waitForOutput('"sources":[', 60_000);
    } finally {
      const result = await sync.stop('SIGTERM');
      expect(result.code).toBe(0);
      const lines = result.stdout.split('\n').filter((line) => line !== '');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(JSON.parse(line)).toHaveProperty('sources');
      expect(result.stderr).toContain('Syncing wiki every 2 s (KNOWHOW_SYNC_INTERVAL).');
      expect(result.stderr).toContain('Stopped.');
    }
  });

  // Compose restarts the service on failure: looping forever would never let it.
  (server ? it : it.skip)(
    `exits 1, saying why, when the database fails round after round${server ? '' : ' (skipped: TEST_DATABASE_URL is not set)'}`,
    async () => {
      if (!server) return;
      const database = await server.createDatabase();
      const url = new URL(database.options.url ?? '');
      const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
      url.host = `127.0.0.1:${proxy.port}`;
      const sync = startKnowhow(['sync', '--schedule'], {
        cwd: workspace,
        env: { ...env, DATABASE_URL: url.toString(), KNOWHOW_SYNC_INTERVAL: '1s' },
      });
      try {
        await sync.waitForOutput('wiki (confluence → wiki): added', 60_000);
        await proxy.cut();
        const result = await exited(sync, 60_000);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(
          'Stopping: 5 sync rounds in a row failed on the database (the last:',
        );
        expect(result.stderr).toContain('"type":"sync.schedule_failed"');
      } finally {
        await sync.stop('SIGKILL');
        await database.drop();
      }
    },
  );

  it('refuses --source (a schedule removes the sources that are not synced) and an interval of 0', async () => {
    const withSource = await runKnowhow(['sync', '--schedule', '--source', 'wiki'], {
      cwd: workspace,
      env,
    });
    expect(withSource).toMatchObject({ code: 2 });
    expect(withSource.stderr).toContain('it does not take --source');

    const off = await runKnowhow(['sync', '--schedule'], {
      cwd: workspace,
      env: { ...env, KNOWHOW_SYNC_INTERVAL: '0' },
    });
    expect(off).toMatchObject({ code: 2 });
    expect(off.stderr).toContain('KNOWHOW_SYNC_INTERVAL=0 turns the schedule off');
  });
});
