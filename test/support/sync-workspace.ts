import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { runKnowhow } from './run-knowhow.js';

/** What `knowhow sync --json` prints. */
export interface SyncJson {
  sources: {
    name: string;
    type: string;
    added: number;
    updated: number;
    deleted: number;
    unchanged: number;
    failed: { id: string; title: string | null; url: string | null; reason: string }[];
    error?: string;
  }[];
}

/** The fields of a `knowhow search --json` hit these tests read. */
export interface SearchJson {
  title: string;
  url: string | null;
  source: string;
  text: string;
}

export type SyncWorkspace = Awaited<ReturnType<typeof openSyncWorkspace>>;

/**
 * A directory of its own (knowhow.yaml, the PGlite data) to run `knowhow` in as a user would.
 * `env()` gives the variables the sources need; no output of `sync` may contain any of
 * `secrets()`. Both are read at each run: the fakes start after the workspace is opened.
 */
export async function openSyncWorkspace(options: {
  readonly prefix: string;
  readonly env: () => Record<string, string>;
  readonly secrets: () => readonly string[];
}) {
  const directory = await mkdtemp(join(tmpdir(), options.prefix));
  const env = () => ({ KNOWHOW_DATA_DIR: join(directory, 'data'), ...options.env() });
  const knowhow = (...args: string[]) => runKnowhow(args, { cwd: directory, env: env() });
  return {
    directory,
    env,
    knowhow,
    writeConfig: (yaml: string) => writeFile(join(directory, 'knowhow.yaml'), yaml),
    async sync(...args: string[]) {
      const result = await knowhow('sync', '--json', ...args);
      for (const secret of options.secrets()) {
        expect(result.stdout).not.toContain(secret);
        expect(result.stderr).not.toContain(secret);
      }
      return {
        code: result.code,
        json: JSON.parse(result.stdout) as SyncJson,
        stderr: result.stderr,
      };
    },
    search: async (query: string, k = 5) =>
      JSON.parse(
        (await knowhow('search', query, '--json', '--k', String(k))).stdout,
      ) as SearchJson[],
    close: () => rm(directory, { recursive: true, force: true }),
  };
}
