import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeGithub } from '@knowhow/sources/testing';
import { openSyncHarness } from './support/sync-harness.js';

describe('the github source (a fake GitHub REST API over plain http)', () => {
  let github: FakeGithub;
  let harness: Awaited<ReturnType<typeof openSyncHarness>>;
  const token = 'ghp_fake-token-value';
  const settings = (overrides: Record<string, unknown> = {}) => ({
    repo: `${github.owner}/${github.name}`,
    token,
    api_url: github.apiUrl,
    ...overrides,
  });
  const repo = (overrides: Record<string, unknown> = {}) =>
    harness.target('eng-docs', 'github', settings(overrides));
  const search = async (text: string) => (await harness.search(text)).map((hit) => hit.title);

  beforeAll(async () => {
    github = await FakeGithub.start();
    github.token = token;
    // GitHub Enterprise Server: the API under /api/v3, pages on the company's host.
    github.apiPrefix = '/api/v3';
    github.htmlOrigin = 'https://github.acme.example';
    // Every 4th request hits the secondary rate limit: 403 with Retry-After.
    github.service.throttle(4, '0', 403);
    harness = await openSyncHarness();
    github.write(
      'README.md',
      '# Engineering handbook\n\nStart with [setup](docs/setup.md) and the [logo](./img/logo.png).\n',
    );
    github.write(
      'docs/setup.md',
      [
        '---',
        'title: Setting up your laptop',
        'tags: [onboarding]',
        '---',
        '',
        '## Install the toolchain',
        '',
        'Run the bootstrap script to install Homebrew packages. See [deploys](../ops/deploy.md#rollback).',
        '',
        '![diagram](../img/flow.png)',
        '',
        '```md',
        '[not a link](relative.md)',
        '```',
        '',
      ].join('\n'),
    );
    github.write(
      'ops/deploy.md',
      '# Deploying\n\n## Rollback\n\nRoll back with the previous release tag.\n',
    );
    github.write('notes/todo.txt', 'Buy more coffee filters for the kitchen.');
    github.write('src/index.ts', 'export const secretSauce = 42;');
    github.write('img/logo.png', 'PNG');
  });
  afterAll(async () => {
    await harness.close();
    await github.close();
  });

  it('syncs the default branch through the Enterprise API: front matter titles, absolute links, web urls', async () => {
    const [result] = await harness.sync([repo()]);
    expect(result).toMatchObject({ status: 'ok', added: 4, failed: [] });
    const [hit] = await harness.search('bootstrap script Homebrew');
    expect(hit).toMatchObject({
      title: 'Setting up your laptop',
      source: 'eng-docs:docs/setup.md',
      // The passage links to its heading on GitHub.
      url: 'https://github.acme.example/acme/handbook/blob/main/docs/setup.md#install-the-toolchain',
      heading: 'Install the toolchain',
    });
    expect(hit?.text).toContain(
      '[deploys](https://github.acme.example/acme/handbook/blob/main/ops/deploy.md#rollback)',
    );
    expect(hit?.text).toContain(
      '![diagram](https://github.acme.example/acme/handbook/raw/main/img/flow.png)',
    );
    expect(hit?.text).toContain('[not a link](relative.md)');
    expect(hit?.text).not.toContain('tags:');
    expect(await search('coffee filters')).toEqual(['todo']);
    expect(await search('secretSauce')).toEqual([]);
    const { rows } = await harness.store.database.query<{ metadata: { permissions: unknown } }>(
      `SELECT metadata FROM documents WHERE title = 'Deploying'`,
    );
    expect(rows[0]?.metadata.permissions).toEqual({
      repository: 'acme/handbook',
      visibility: 'private',
    });
    // The secondary rate limit was hit and honoured.
    expect(github.service.requests.some((request) => request.status === 403)).toBe(true);
  });

  it('downloads nothing when nothing changed', async () => {
    const before = github.blobDownloads();
    const [result] = await harness.sync([repo()]);
    expect(result).toMatchObject({ status: 'ok', added: 0, updated: 0, deleted: 0, unchanged: 4 });
    expect(github.blobDownloads()).toBe(before);
  });

  it('applies an edit, a rename (same document) and a deletion by comparing blob shas', async () => {
    github.write('notes/todo.txt', 'Buy more oat milk for the kitchen.');
    github.move('ops/deploy.md', 'ops/releasing.md');
    github.remove('README.md');
    const before = github.blobDownloads();
    const [result] = await harness.sync([repo()]);
    expect(result).toMatchObject({ added: 0, updated: 2, deleted: 1, unchanged: 1 });
    // The edited file and the renamed one: two downloads, not four.
    expect(github.blobDownloads()).toBe(before + 2);
    expect(await search('oat milk')).toEqual(['todo']);
    expect(await search('coffee filters')).toEqual([]);
    expect(await search('Engineering handbook setup')).not.toContain('Engineering handbook');
    const [moved] = await harness.search('previous release tag');
    expect(moved?.url).toBe(
      'https://github.acme.example/acme/handbook/blob/main/ops/releasing.md#rollback',
    );
    const { rows } = await harness.store.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM documents WHERE title = 'Deploying'`,
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('reads a named branch, paths globs and exclude, and walks a truncated tree', async () => {
    github.write(
      'docs/setup.md',
      '# Setup on the release branch\n\nUse the LTS toolchain.\n',
      'release/1.0',
    );
    github.write('docs/internal/draft.md', '# Draft\n\nUnfinished thoughts.\n', 'release/1.0');
    github.write('ops/run.md', '# Runbook\n\nPage the on-call engineer.\n', 'release/1.0');
    github.write(
      'docs/faq.md',
      '# FAQ\n\n## Example\n\nFirst answer about pizzas.\n\n## Example\n\nSecond answer about parking meters.\n',
      'release/1.0',
    );
    github.truncate = true;
    try {
      const [result] = await harness.sync([
        harness.target(
          'release',
          'github',
          settings({
            branch: 'release/1.0',
            paths: ['docs/**/*.md'],
            exclude: ['**/internal/**'],
          }),
        ),
      ]);
      expect(result).toMatchObject({ status: 'ok', added: 2, failed: [] });
    } finally {
      github.truncate = false;
    }
    const [hit] = await harness.search('LTS toolchain');
    expect(hit?.url).toBe(
      'https://github.acme.example/acme/handbook/blob/release/1.0/docs/setup.md#setup-on-the-release-branch',
    );
    expect((await harness.search('answer pizzas'))[0]?.url).toMatch(/\/docs\/faq\.md#example$/);
    expect(await search('unfinished thoughts')).toEqual([]);
    expect(await search('on-call engineer')).toEqual([]);
  });

  it('reports a broken file, keeps going, and retries it on the next pass', async () => {
    github.write('docs/manual.pdf', 'not a pdf at all');
    const [failed] = await harness.sync([repo({ paths: ['**/*.{md,txt,pdf}'] })]);
    expect(failed).toMatchObject({ status: 'partial' });
    expect(failed?.failed).toEqual([
      expect.objectContaining({
        id: 'docs/manual.pdf',
        url: 'https://github.acme.example/acme/handbook/blob/main/docs/manual.pdf',
      }),
    ]);
    const before = github.blobDownloads();
    const [again] = await harness.sync([repo({ paths: ['**/*.{md,txt,pdf}'] })]);
    expect(again?.failed).toHaveLength(1);
    expect(github.blobDownloads()).toBe(before + 1);
  });

  it('says what to fix for a wrong token, repository or branch, and never prints the token', async () => {
    const [refused] = await harness.sync([
      harness.target('bad-token', 'github', settings({ token: 'ghp_wrong-token-value' })),
    ]);
    expect(refused?.error).toMatch(/GitHub answered 401.*Bad credentials.*Check token/);
    expect(refused?.error).not.toContain('ghp_wrong-token-value');
    const [anonymous] = await harness.sync([
      harness.target('anonymous', 'github', settings({ token: undefined })),
    ]);
    expect(anonymous?.error).toContain(
      'GitHub has no repository acme/handbook that an anonymous caller can see',
    );
    const [branch] = await harness.sync([
      harness.target('no-branch', 'github', settings({ branch: 'nope' })),
    ]);
    expect(branch?.error).toContain('acme/handbook has no branch nope');
    // The failing sources kept the working one's documents.
    expect(await search('oat milk')).toEqual(['todo']);
  });
});
