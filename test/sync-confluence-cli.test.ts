import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { FakeConfluence } from '@knowhow/sources/testing';
import { runKnowhowUntil } from './support/run-knowhow.js';
import { openSyncWorkspace, type SyncWorkspace } from './support/sync-workspace.js';

jest.setTimeout(300_000);

describe('knowhow sync with Confluence (a fake Confluence Cloud over HTTP)', () => {
  let fake: FakeConfluence;
  let workspace: SyncWorkspace;
  const pages: Record<string, string> = {};
  const knowhow = (...args: string[]) => workspace.knowhow(...args);
  const sync = (...args: string[]) => workspace.sync(...args);
  const search = (query: string) => workspace.search(query, 10);
  const pageFetches = () => fake.service.count(/\/wiki\/api\/v2\/pages\/\d+$/);
  const writeConfig = (sources: string) => workspace.writeConfig(`sources:\n${sources}`);
  const wiki = `  - name: wiki
    type: confluence
    url: URL
    spaces: [ENG, HR]
    email: \${CONFLUENCE_EMAIL}
    token: \${CONFLUENCE_API_TOKEN}
    collection: eng
`;

  beforeAll(async () => {
    fake = await FakeConfluence.start();
    fake.pageSize = 3;
    fake.service.throttle(7, '1');
    fake.addSpace('ENG', 'Engineering');
    fake.addSpace('HR', 'People');
    pages.onboarding = fake.addPage('ENG', 'Onboarding', '<p>Welcome aboard, new engineer.</p>');
    pages.laptops = fake.addPage(
      'ENG',
      'Laptops',
      '<h2>Ordering</h2><p>Every engineer orders a laptop through the service desk.</p><table><tbody><tr><th>Model</th><th>RAM</th></tr><tr><td>ThinkPad</td><td>32 GB</td></tr></tbody></table>',
      pages.onboarding,
    );
    pages.deploy = fake.addPage(
      'ENG',
      'Deploying',
      '<p>Deploy with the release script.</p><ac:structured-macro ac:name="code"><ac:parameter ac:name="language">bash</ac:parameter><ac:plain-text-body><![CDATA[./release --env production]]></ac:plain-text-body></ac:structured-macro>',
    );
    for (let index = 1; index <= 5; index += 1)
      fake.addPage(
        'HR',
        `Policy ${index}`,
        `<p>Policy number ${index} covers topic${index} rules.</p>`,
      );
    pages.vacation = fake.addPage('HR', 'Vacation', '<p>Employees get 28 vacation days.</p>');
    workspace = await openSyncWorkspace({
      prefix: 'knowhow-sync-',
      env: () => ({
        CONFLUENCE_EMAIL: fake.credentials.email,
        CONFLUENCE_API_TOKEN: fake.credentials.token,
        LOG_LEVEL: 'debug',
      }),
      secrets: () => [fake.credentials.token],
    });
    await writeConfig(wiki.replace('URL', fake.cloudUrl));
  });
  afterAll(async () => {
    await fake.close();
    await workspace.close();
  });

  it('syncs every page on the first pass, through pagination and 429s, with web links', async () => {
    const { code, json } = await sync();
    expect(code).toBe(0);
    expect(json).toEqual({
      sources: [
        {
          name: 'wiki',
          type: 'confluence',
          added: 11,
          updated: 0,
          deleted: 0,
          unchanged: 0,
          failed: [],
        },
      ],
    });
    expect(fake.service.requests.some((request) => request.query.has('cursor'))).toBe(true);
    const [hit] = await search('laptop service desk');
    expect(hit).toMatchObject({
      title: 'Onboarding / Laptops',
      url: `${fake.cloudUrl}/spaces/ENG/pages/${pages.laptops}/Laptops`,
      source: 'wiki:ENG/Onboarding/Laptops',
    });
    expect(hit?.text).toContain('| ThinkPad | 32 GB |');
    expect((await search('release script production'))[0]?.text).toContain(
      '```bash\n./release --env production\n```',
    );
  });

  it('downloads no page on a re-sync without changes', async () => {
    const before = pageFetches();
    const { json } = await sync();
    expect(json.sources[0]).toMatchObject({ added: 0, updated: 0, deleted: 0, unchanged: 11 });
    expect(pageFetches()).toBe(before);
  });

  it('applies an edit, a deletion and a move on the next pass', async () => {
    fake.edit(pages.vacation ?? '', { body: '<p>Employees get 30 vacation days.</p>' });
    fake.remove(pages.deploy ?? '');
    fake.move(pages.laptops ?? '', fake.spaces.get('ENG')?.homepageId ?? '');
    const before = pageFetches();
    const { json } = await sync();
    expect(json.sources[0]).toMatchObject({ added: 0, updated: 2, deleted: 1, unchanged: 8 });
    expect(pageFetches() - before).toBe(2);
    expect((await search('vacation days'))[0]?.text).toContain('30 vacation days');
    expect(await search('release script')).toEqual([]);
    expect((await search('laptop service desk'))[0]).toMatchObject({
      title: 'Laptops',
      source: 'wiki:ENG/Laptops',
    });
  });

  it('reports a page it cannot read, syncs the rest, exits 1 and retries the page next time', async () => {
    const page = fake.pages.get(pages.onboarding ?? '');
    if (page) {
      page.forbidden = true;
      page.version += 1;
    }
    const failing = await sync();
    expect(failing.code).toBe(1);
    expect(failing.json.sources[0]?.failed).toEqual([
      {
        id: pages.onboarding,
        title: 'Onboarding',
        url: `${fake.cloudUrl}/spaces/ENG/pages/${pages.onboarding}/Onboarding`,
        reason: expect.stringContaining('Confluence answered 403') as unknown as string,
      },
    ]);
    expect((await search('welcome aboard'))[0]?.title).toBe('Onboarding');
    if (page) page.forbidden = false;
    const retried = await sync();
    expect(retried.code).toBe(0);
    expect(retried.json.sources[0]).toMatchObject({ updated: 1, failed: [] });
  });

  it('reports a source whose credentials are refused with the fix, and syncs the others', async () => {
    await writeConfig(
      `${wiki.replace('URL', fake.cloudUrl)}  - name: old-wiki
    type: confluence
    url: ${fake.cloudUrl}
    spaces: [HR]
    email: someone@acme.example
    token: not-the-token
`,
    );
    const { code, json } = await sync();
    expect(code).toBe(1);
    expect(json.sources.map((source) => source.name)).toEqual(['wiki', 'old-wiki']);
    expect(json.sources[0]).toMatchObject({ unchanged: 10, failed: [] });
    expect(json.sources[1]?.error).toMatch(
      /Confluence answered 401 .*Check email and token in knowhow\.yaml/,
    );
    const listed = JSON.parse((await knowhow('sources', '--json')).stdout) as {
      sources: { name: string; status: string; documents: number; error: string | null }[];
    };
    expect(listed.sources).toEqual([
      expect.objectContaining({ name: 'wiki', status: 'ok', documents: 10 }),
      expect.objectContaining({
        name: 'old-wiki',
        status: 'failed',
        documents: 0,
        error: expect.stringContaining('401'),
      }),
    ]);
  });

  it('names a setting that is missing or wrong, and the variable that is not set', async () => {
    await writeConfig(`${wiki.replace('URL', fake.cloudUrl)}  - name: broken
    type: confluence
    url: not a url
    token: \${NOT_SET_ANYWHERE}
`);
    const { json } = await sync('--source', 'broken');
    expect(json.sources[0]?.error).toBe(
      'sources[1] (broken): ${NOT_SET_ANYWHERE} is not set in the environment or .env',
    );
  });

  it('finishes after a killed sync, without duplicates or half-written documents', async () => {
    await writeConfig(wiki.replace('URL', fake.cloudUrl));
    for (let index = 1; index <= 30; index += 1)
      fake.addPage('HR', `Extra ${index}`, `<p>Extra page ${index} text.</p>`);
    fake.service.delayMs = 40;
    const killed = await runKnowhowUntil(['sync'], {
      cwd: workspace.directory,
      env: { ...workspace.env(), LOG_LEVEL: 'info' },
      when: (stderr) => (stderr.match(/"outcome":"added"/g) ?? []).length >= 3,
      signal: 'SIGKILL',
    });
    expect(killed.code).toBeNull();
    fake.service.delayMs = 0;
    const { code, json } = await sync();
    expect(code).toBe(0);
    expect((json.sources[0]?.added ?? 0) + (json.sources[0]?.unchanged ?? 0)).toBe(40);
    expect(json.sources[0]?.added).toBeLessThan(30);
    const hits = await search('extra page text');
    expect(hits).toHaveLength(10);
    expect(new Set(hits.map((hit) => hit.url)).size).toBe(10);
  });

  it('removes the documents of a source taken out of knowhow.yaml, with a note', async () => {
    await writeConfig('');
    const result = await knowhow('sync');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'wiki: no longer in knowhow.yaml, so its 40 documents were removed',
    );
    expect(await search('vacation days')).toEqual([]);
  });
});
