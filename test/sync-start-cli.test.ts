import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { FakeConfluence } from '@knowhow/sources/testing';
import { freePort } from './support/free-port.js';
import { startKnowhow } from './support/run-knowhow.js';

jest.setTimeout(180_000);

describe('knowhow start syncs the sources on a schedule', () => {
  let fake: FakeConfluence;
  let workspace: string;

  beforeAll(async () => {
    fake = await FakeConfluence.start();
    fake.addSpace('ENG', 'Engineering');
    workspace = await mkdtemp(join(tmpdir(), 'knowhow-start-sync-'));
    await writeFile(
      join(workspace, 'knowhow.yaml'),
      `sources:\n  - name: wiki\n    type: confluence\n    url: ${fake.cloudUrl}\n    spaces: [ENG]\n    email: ${fake.credentials.email}\n    token: \${CONFLUENCE_API_TOKEN}\n`,
    );
  });
  afterAll(() => fake.close());

  it('every KNOWHOW_SYNC_INTERVAL while the bots answer, and stops cleanly', async () => {
    const page = fake.addPage('ENG', 'Laptops', '<p>Every engineer gets a laptop.</p>');
    const port = await freePort();
    const bots = startKnowhow(['start'], {
      cwd: workspace,
      env: {
        KNOWHOW_DATA_DIR: join(workspace, 'data'),
        TEAMS_ALLOW_ANONYMOUS: 'true',
        TEAMS_PORT: String(port),
        KNOWHOW_SYNC_INTERVAL: '2s',
        CONFLUENCE_API_TOKEN: fake.credentials.token,
      },
    });
    try {
      await bots.waitForOutput('Syncing wiki every 2 s (KNOWHOW_SYNC_INTERVAL).', 60_000);
      await bots.waitForOutput('"type":"sync.finished"', 60_000);
      expect(bots.output().stderr).toMatch(
        /"type":"sync.finished","source":"wiki","status":"ok","added":2/,
      );
      fake.edit(page, { body: '<p>Every engineer gets a laptop and a monitor.</p>' });
      await bots.waitForOutput('"updated":1', 60_000);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/knowhow_sync_runs_total\{source="wiki",status="ok"\} [2-9]/);
      expect(metrics).toContain('knowhow_sync_items_total{source="wiki",outcome="updated"} 1');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      const result = await bots.stop('SIGTERM');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Stopped.');
      expect(result.stderr).not.toContain(fake.credentials.token);
    }
  });
});
