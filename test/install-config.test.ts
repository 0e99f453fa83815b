import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';

const root = new URL('..', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('installing Knowhow', () => {
  it('has only project settings npm knows, so npm and npx print no warning about them', async () => {
    // Outside the project, so the list holds npm's own settings only.
    const { stdout } = await promisify(execFile)('npm', ['config', 'ls', '-l', '--json'], {
      cwd: tmpdir(),
    });
    const known = Object.keys(JSON.parse(stdout) as Record<string, unknown>);
    const settings = read('.npmrc')
      .split('\n')
      .filter((line) => line.trim() && !line.trim().startsWith('#'))
      .map((line) => line.split('=')[0]?.trim() ?? '');
    expect(settings.length).toBeGreaterThan(0);
    expect(settings.filter((name) => !known.includes(name))).toEqual([]);
  });

  it('states in the README the Node and npm versions package.json requires to install', () => {
    const { devEngines } = JSON.parse(read('package.json')) as {
      devEngines: { runtime: { version: string }; packageManager: { version: string } };
    };
    const readme = read('README.md');
    const [node] = /\d+/.exec(devEngines.runtime.version) ?? [];
    const npm = devEngines.packageManager.version.replace(/^>=/, '').replace(/\.0$/, '');
    expect(readme).toContain(`Node.js ${node} or newer and npm ${npm} or newer`);
  });
});
