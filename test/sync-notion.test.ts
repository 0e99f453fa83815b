import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeNotion, notionBlock, notionText } from '@knowhow/sources/testing';
import { openSyncHarness } from './support/sync-harness.js';

describe('the notion source (a fake Notion API over plain http)', () => {
  let notion: FakeNotion;
  let harness: Awaited<ReturnType<typeof openSyncHarness>>;
  const ids: Record<string, string> = {};
  const settings = (overrides: Record<string, unknown> = {}) => ({
    token: notion.token,
    api_url: notion.origin,
    requests_per_second: 40,
    ...overrides,
  });
  const workspace = (overrides: Record<string, unknown> = {}) =>
    harness.target('notion', 'notion', settings(overrides));
  const search = async (text: string) => (await harness.search(text)).map((hit) => hit.title);

  beforeAll(async () => {
    notion = await FakeNotion.start();
    notion.pageSize = 2;
    // Every 6th request is refused with 429 and Retry-After, as Notion does under load.
    notion.service.throttle(6, '0');
    harness = await openSyncHarness();
    ids.handbook = notion.addPage('Handbook', [
      notionBlock('paragraph', 'Welcome to the company handbook.'),
    ]);
    ids.onboarding = notion.addPage(
      'Onboarding',
      [
        notionBlock('heading_1', 'First week'),
        notionBlock('paragraph', '', {
          rich_text: [
            notionText('Pick up your '),
            notionText('badge', { bold: true }),
            notionText(' at the front desk; read the '),
            notionText('security guide', {}, 'https://intranet.example/security'),
            notionText('.'),
          ],
        }),
        notionBlock('bulleted_list_item', 'Laptop', {}, [
          notionBlock('bulleted_list_item', 'Request it in the IT portal'),
        ]),
        notionBlock('numbered_list_item', 'Sign the contract'),
        notionBlock('numbered_list_item', 'Meet your buddy'),
        notionBlock('to_do', 'Set up two-factor authentication', { checked: true }),
        notionBlock('to_do', 'Join the engineering channel', { checked: false }),
        notionBlock('toggle', 'Where is the kitchen?', {}, [
          notionBlock('paragraph', 'The kitchen is on the third floor.'),
        ]),
        notionBlock('callout', 'Fire drills happen every first Monday.', { icon: { emoji: '🔥' } }),
        notionBlock('quote', 'Ship small, ship often.'),
        {
          type: 'code',
          data: { rich_text: [notionText('npm ci\nnpm start')], language: 'shell', caption: [] },
        },
        {
          type: 'table',
          data: { table_width: 2, has_column_header: true, has_row_header: false },
          children: [
            { type: 'table_row', data: { cells: [[notionText('Plan')], [notionText('Days')]] } },
            { type: 'table_row', data: { cells: [[notionText('Basic')], [notionText('25')]] } },
          ],
        },
      ],
      { parent: ids.handbook },
    );
    ids.columns = notion.addPage(
      'Layout',
      [
        {
          type: 'column_list',
          data: {},
          children: [
            { type: 'column', data: {}, children: [notionBlock('paragraph', 'Left column text.')] },
          ],
        },
      ],
      { parent: ids.handbook },
    );
    ids.projects = notion.addDatabase('Projects', ids.handbook);
    ids.apollo = notion.addPage('Apollo', [notionBlock('paragraph', 'Apollo migrates billing.')], {
      parent: ids.projects,
      properties: {
        Status: { id: 's', type: 'status', status: { name: 'In progress' } },
        Owner: {
          id: 'o',
          type: 'people',
          people: [{ object: 'user', id: 'u1', name: 'Grace Hopper' }],
        },
        Due: { id: 'd', type: 'date', date: { start: '2024-06-30', end: null } },
        Tags: {
          id: 't',
          type: 'multi_select',
          multi_select: [{ name: 'finance' }, { name: 'q2' }],
        },
      },
    });
    ids.private = notion.addPage(
      'Salaries',
      [notionBlock('paragraph', 'Salary bands are secret.')],
      {
        shared: false,
      },
    );
    ids.other = notion.addPage('Lunch menu', [notionBlock('paragraph', 'Tacos on Tuesday.')]);
  });
  afterAll(async () => {
    await harness.close();
    await notion.close();
  });

  it('syncs what is shared with the integration: blocks as markdown, rows with properties, web links', async () => {
    const [result] = await harness.sync([workspace()]);
    expect(result).toMatchObject({ status: 'ok', added: 5, failed: [] });
    const [hit] = await harness.search('badge front desk');
    expect(hit).toMatchObject({
      title: 'Onboarding',
      source: 'notion:Handbook/Onboarding',
      url: notion.urlOf(ids.onboarding ?? ''),
      heading: 'Onboarding > First week',
    });
    const { rows } = await harness.store.database.query<{ text: string }>(
      `SELECT string_agg(c.text, E'\\n' ORDER BY c.ordinal) AS text FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.title = 'Onboarding'`,
    );
    const text = rows[0]?.text ?? '';
    expect(text).toContain(
      'Pick up your **badge** at the front desk; read the [security guide](https://intranet.example/security).',
    );
    expect(text).toContain('- Laptop\n  - Request it in the IT portal');
    expect(text).toContain('1. Sign the contract\n2. Meet your buddy');
    expect(text).toContain(
      '- [x] Set up two-factor authentication\n- [ ] Join the engineering channel',
    );
    expect(text).toContain('- Where is the kitchen?\n  The kitchen is on the third floor.');
    expect(text).toContain('> 🔥 Fire drills happen every first Monday.');
    expect(text).toContain('> Ship small, ship often.');
    expect(text).toContain('```shell\nnpm ci\nnpm start\n```');
    expect(text).toContain('| Plan | Days |\n| --- | --- |\n| Basic | 25 |');
    const handbook = await harness.search('company handbook welcome');
    expect(handbook[0]?.text).toContain(`[Onboarding](${notion.urlOf(ids.onboarding ?? '')})`);
    expect(handbook[0]?.text).toContain(`[Projects](${notion.urlOf(ids.projects ?? '')})`);
    const [row] = await harness.search('Apollo billing');
    expect(row?.source).toBe('notion:Handbook/Projects/Apollo');
    expect(row?.text).toContain('- **Status**: In progress');
    expect(row?.text).toContain('- **Owner**: Grace Hopper');
    expect(row?.text).toContain('- **Tags**: finance, q2');
    expect(await search('left column')).toEqual(['Layout']);
    expect(await search('salary bands')).toEqual([]);
    const metadata = await harness.store.database.query<{ metadata: Record<string, unknown> }>(
      `SELECT metadata FROM documents WHERE title = 'Apollo'`,
    );
    expect(metadata.rows[0]?.metadata).toMatchObject({
      modifiedAt: expect.stringMatching(/^2024-03-01T/),
      author: 'user-ada',
      permissions: {
        parent: 'database_id',
        ancestors: [ids.handbook, ids.projects],
        public: false,
      },
    });
  });

  it('reads no page content when nothing was edited', async () => {
    const before = notion.contentReads();
    const [result] = await harness.sync([workspace()]);
    expect(result).toMatchObject({ status: 'ok', added: 0, updated: 0, deleted: 0, unchanged: 5 });
    expect(notion.contentReads()).toBe(before);
  });

  it('applies an edit, a renamed parent, an archived page and an unshared one', async () => {
    notion.edit(ids.other ?? '', [notionBlock('paragraph', 'Pizza on Friday.')]);
    notion.rename(ids.handbook ?? '', 'Company handbook');
    notion.archive(ids.columns ?? '');
    const [result] = await harness.sync([workspace()]);
    // The menu's edit, and the handbook and everything below it (their path changed).
    expect(result).toMatchObject({ updated: 4, deleted: 1, unchanged: 0 });
    expect(await search('pizza friday')).toEqual(['Lunch menu']);
    expect(await search('tacos tuesday')).toEqual([]);
    expect(await search('left column')).toEqual([]);
    expect((await harness.search('badge front desk'))[0]?.source).toBe(
      'notion:Company handbook/Onboarding',
    );
    notion.share(ids.other ?? '', false);
    expect((await harness.sync([workspace()]))[0]).toMatchObject({ deleted: 1 });
    expect(await search('pizza friday')).toEqual([]);
  });

  it('keeps to root_pages and databases when named', async () => {
    const [result] = await harness.sync([
      harness.target(
        'projects',
        'notion',
        settings({ databases: [notion.urlOf(ids.projects ?? '')] }),
      ),
    ]);
    expect(result).toMatchObject({ status: 'ok', added: 1 });
    const [rooted] = await harness.sync([
      harness.target(
        'rooted',
        'notion',
        settings({ root_pages: [(ids.onboarding ?? '').replace(/-/g, '')] }),
      ),
    ]);
    expect(rooted).toMatchObject({ status: 'ok', added: 1 });
  });

  it('stays under the rate limit it is given, and honours 429 with Retry-After', async () => {
    notion.service.throttle(0);
    notion.rateLimit = { requests: 3, perMs: 900 };
    try {
      // Eight blocks, two per answer: with the listing, seven requests at 3 a second.
      const paragraphs = (colour: string) =>
        Array.from({ length: 8 }, (_, n) =>
          notionBlock('paragraph', `Badges are ${colour} now (${n}).`),
        );
      notion.edit(ids.onboarding ?? '', paragraphs('blue'));
      const [polite] = await harness.sync([workspace({ requests_per_second: 3 })]);
      expect(polite).toMatchObject({ status: 'ok', updated: 1 });
      expect(notion.rateLimited).toBe(0);
      notion.edit(ids.onboarding ?? '', paragraphs('green'));
      const [eager] = await harness.sync([workspace({ requests_per_second: 50 })]);
      expect(eager).toMatchObject({ status: 'ok', updated: 1 });
      expect(notion.rateLimited).toBeGreaterThan(0);
      expect(await search('badges green')).toContain('Onboarding');
    } finally {
      notion.rateLimit = undefined;
    }
  }, 60_000);

  it('reports a refused secret and an unshared root page with the fix, and never prints the secret', async () => {
    const [secret] = await harness.sync([
      harness.target('bad', 'notion', settings({ token: 'ntn_wrong-secret-value' })),
    ]);
    expect(secret?.error).toMatch(/Notion answered 401.*API token is invalid.*Check token/);
    expect(secret?.error).not.toContain('ntn_wrong-secret-value');
    const [root] = await harness.sync([
      harness.target('unshared', 'notion', settings({ root_pages: [ids.private] })),
    ]);
    expect(root?.error).toContain(
      `the root page ${ids.private} is not shared with the integration`,
    );
  });
});
