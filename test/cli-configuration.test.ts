import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runKnowhow } from './support/run-knowhow.js';

const { version } = JSON.parse(
  readFileSync(new URL('../apps/cli/package.json', import.meta.url), 'utf8'),
) as { version: string };

describe('knowhow configuration messages', () => {
  it('prints its version with --version', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'knowhow-version-'));
    const result = await runKnowhow(['--version'], { cwd });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`knowhow ${version} (Node.js ${process.version})\n`);
  });

  it('names the variable, what is wrong with its value, and an example', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'knowhow-env-'));
    const result = await runKnowhow(['search', 'x'], { cwd, env: { KNOWHOW_MAX_FILE_MB: 'abc' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'Invalid configuration:\n  KNOWHOW_MAX_FILE_MB: must be a number (got "abc"); for example KNOWHOW_MAX_FILE_MB=50\n',
    );
  });

  it('teams-app names MicrosoftAppId, not an internal name, when it is not a GUID', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'knowhow-teams-app-'));
    const result = await runKnowhow(['teams-app'], { cwd, env: { MicrosoftAppId: 'knowhow-bot' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `Invalid configuration:\n  MicrosoftAppId: must be a GUID, the Azure Bot's Microsoft App ID (got "knowhow-bot"); for example MicrosoftAppId=00000000-0000-0000-0000-000000000000\n`,
    );
  });

  it('teams-app --out - writes the package to stdout and its message to stderr', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'knowhow-teams-app-'));
    const result = await runKnowhow(
      ['teams-app', '--out', '-', '--website', 'https://example.org'],
      {
        cwd,
        env: { MicrosoftAppId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' },
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('PK')).toBe(true);
    expect(result.stderr).toContain('Wrote the package (bot 6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b)');
  });
});
