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
});
