import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makePdf } from '@knowhow/rag-core/testing';
import { FakeWebsite } from '@knowhow/sources/testing';
import { freePort } from './support/free-port.js';
import { openSyncHarness } from './support/sync-harness.js';

describe('the web source (a fake website over HTTP)', () => {
  let site: FakeWebsite;
  let harness: Awaited<ReturnType<typeof openSyncHarness>>;
  const web = (settings: Record<string, unknown> = {}) =>
    harness.target('intranet', 'web', { url: `${site.origin}/handbook/`, ...settings });
  const titles = async (text: string) =>
    (await harness.search(text)).map((hit) => hit.title).sort();

  beforeAll(async () => {
    site = await FakeWebsite.start();
    harness = await openSyncHarness();
    site.robots = 'User-agent: *\nDisallow: /handbook/private/\n';
    site.sitemap = ['/handbook/benefits'];
    site.page('/handbook/', 'Handbook', '<p>Welcome to the employee handbook of Acme.</p>', {
      links: [
        '/handbook/leave?ref=nav',
        '/handbook/private/salaries',
        '/other/page',
        'https://elsewhere.example/x',
        '/handbook/policy.pdf',
        '/handbook/archive/old',
      ],
    });
    site.page(
      '/handbook/leave',
      'Leave',
      '<h2>Vacation</h2><p>Employees get 28 vacation days a year.</p>',
      {
        canonical: '/handbook/leave',
        links: ['/handbook/parking'],
      },
    );
    site.page('/handbook/parking', 'Parking', '<p>Park in the underground garage.</p>');
    site.page('/handbook/benefits', 'Benefits', '<p>The dental plan covers orthodontics.</p>');
    const benefits = site.pages.get('/handbook/benefits');
    if (benefits) benefits.noEtag = true;
    site.page('/handbook/private/salaries', 'Salaries', '<p>Secret salary bands.</p>');
    site.page('/handbook/archive/old', 'Old', '<p>Obsolete archive page.</p>');
    site.page('/other/page', 'Other', '<p>Outside the handbook.</p>');
    site.put(
      '/handbook/policy.pdf',
      await makePdf([['Travel policy: book economy class.']]),
      'application/pdf',
    );
  });
  afterAll(async () => {
    await harness.close();
    await site.close();
  });

  it('crawls links and the sitemap within the start path, respecting robots.txt and exclude', async () => {
    const [result] = await harness.sync([web({ exclude: ['**/archive/**'] })]);
    expect(result).toMatchObject({ status: 'ok', added: 5, failed: [] });
    const { rows } = await harness.store.database.query<{ url: string }>(
      'SELECT url FROM documents ORDER BY url',
    );
    expect(rows.map((row) => row.url)).toEqual(
      [
        '/handbook/',
        '/handbook/benefits',
        '/handbook/leave',
        '/handbook/parking',
        '/handbook/policy.pdf',
      ].map((path) => `${site.origin}${path}`),
    );
  });

  it('indexes the main content only, under the canonical URL', async () => {
    const [hit] = await harness.search('vacation days');
    expect(hit).toMatchObject({
      title: 'Leave',
      url: `${site.origin}/handbook/leave`,
      source: 'intranet:/handbook/leave',
      heading: 'Leave > Vacation',
    });
    expect(await harness.search('navigation menu')).toEqual([]);
    expect(await harness.search('footer boilerplate')).toEqual([]);
    expect(await titles('travel economy')).toEqual(['policy.pdf']);
  });

  it('revalidates with ETag and Last-Modified, downloading nothing that did not change', async () => {
    const before = site.downloads('/handbook/parking');
    const [result] = await harness.sync([web({ exclude: ['**/archive/**'] })]);
    expect(result).toMatchObject({ added: 0, updated: 0, deleted: 0, unchanged: 5 });
    // Benefits sends only Last-Modified: revalidated with If-Modified-Since.
    expect(site.downloads('/handbook/benefits')).toBe(1);
    expect(site.downloads('/handbook/parking')).toBe(before);
  });

  it('updates a changed page and removes one that is gone (404) or no longer linked', async () => {
    site.page('/handbook/parking', 'Parking', '<p>Park in the visitor lot now.</p>');
    site.pages.delete('/handbook/benefits');
    site.sitemap = [];
    const [result] = await harness.sync([web({ exclude: ['**/archive/**'] })]);
    expect(result).toMatchObject({ updated: 1, deleted: 1 });
    expect(await titles('visitor lot')).toEqual(['Parking']);
    expect(await harness.search('orthodontics')).toEqual([]);
  });

  it('reports a page that fails, keeps its last version, and stops at max_pages', async () => {
    const page = site.pages.get('/handbook/parking');
    if (page) page.status = 500;
    const [result] = await harness.sync([web({ exclude: ['**/archive/**'] })]);
    expect(result?.failed).toEqual([
      expect.objectContaining({
        id: `${site.origin}/handbook/parking`,
        reason: expect.stringContaining('500'),
      }),
    ]);
    expect(await titles('visitor lot')).toEqual(['Parking']);
    if (page) delete page.status;
    const [limited] = await harness.sync([web({ exclude: ['**/archive/**'], max_pages: 2 })]);
    expect((await harness.store.stats()).documents).toBe(2);
    expect(limited?.status).toBe('ok');
  });

  it('says what to fix when the site cannot be reached', async () => {
    const port = await freePort();
    const [result] = await harness.sync([
      harness.target('down', 'web', { url: `http://127.0.0.1:${port}/handbook/` }),
    ]);
    expect(result?.error).toMatch(
      new RegExp(
        `^cannot reach 127\\.0\\.0\\.1:${port} at http://127\\.0\\.0\\.1:${port} \\(connection refused\\)\\. Check url in knowhow\\.yaml`,
      ),
    );
    expect(result?.error).not.toContain('Request failed');
  });
});
