import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { FakeGraph, FakeWebsite } from '@knowhow/sources/testing';
import { openSyncWorkspace, type SyncJson, type SyncWorkspace } from './support/sync-workspace.js';

jest.setTimeout(300_000);

describe('knowhow sync with a website and a SharePoint library (fakes over HTTP)', () => {
  let site: FakeWebsite;
  let graph: FakeGraph;
  let workspace: SyncWorkspace;
  const ids: Record<string, string> = {};
  let secret = '';
  const sync = (...args: string[]) => workspace.sync(...args);
  const search = (query: string) => workspace.search(query);
  const counts = (json: SyncJson) =>
    json.sources.map(({ name, added, updated, deleted, unchanged, failed }) => ({
      name,
      added,
      updated,
      deleted,
      unchanged,
      failed: failed.length,
    }));

  beforeAll(async () => {
    [site, graph] = await Promise.all([FakeWebsite.start(), FakeGraph.start()]);
    graph.pageSize = 2;
    site.service.throttle(4, '0');
    graph.service.throttle(4, '0');
    secret = graph.credentials.clientSecret;
    site.page('/handbook/', 'Handbook', '<p>Welcome to the Acme handbook.</p>', {
      links: ['/handbook/parking', '/handbook/benefits'],
    });
    site.page('/handbook/parking', 'Parking', '<p>Park in the underground garage.</p>');
    site.page('/handbook/benefits', 'Benefits', '<p>The dental plan covers orthodontics.</p>');
    ids.policies = graph.addFolder('Policies');
    ids.leave = graph.addFile(
      'Leave.md',
      '# Leave\n\nEmployees get 28 vacation days.\n',
      ids.policies,
    );
    ids.travel = graph.addFile(
      'Travel.md',
      '# Travel\n\nBook economy class flights.\n',
      ids.policies,
    );
    workspace = await openSyncWorkspace({
      prefix: 'knowhow-sources-one-',
      env: () => ({
        AZURE_TENANT_ID: graph.credentials.tenant,
        AZURE_CLIENT_ID: graph.credentials.clientId,
        AZURE_CLIENT_SECRET: secret,
      }),
      secrets: () => [graph.credentials.clientSecret, 'wrong-secret-value'],
    });
    await workspace.writeConfig(
      `sources:
  - name: intranet
    type: web
    url: ${site.origin}/handbook/
  - name: policies
    type: sharepoint
    site: ${graph.site.host}:${graph.site.path}
    folder: Policies
    tenant_id: \${AZURE_TENANT_ID}
    client_id: \${AZURE_CLIENT_ID}
    client_secret: \${AZURE_CLIENT_SECRET}
    graph_url: ${graph.origin}
    login_url: ${graph.origin}
`,
    );
  });
  afterAll(async () => {
    await Promise.all([site.close(), graph.close()]);
    await workspace.close();
  });

  it('syncs both on the first pass, through pagination and 429s, with web links', async () => {
    const { code, json } = await sync();
    expect(code).toBe(0);
    expect(counts(json)).toEqual([
      { name: 'intranet', added: 3, updated: 0, deleted: 0, unchanged: 0, failed: 0 },
      { name: 'policies', added: 2, updated: 0, deleted: 0, unchanged: 0, failed: 0 },
    ]);
    expect((await search('underground garage'))[0]).toMatchObject({
      title: 'Parking',
      url: `${site.origin}/handbook/parking`,
    });
    expect((await search('vacation days'))[0]?.url).toBe(
      `https://${graph.site.host}${graph.site.path}/Shared%20Documents/Policies/Leave.md`,
    );
    expect(site.service.requests.some((request) => request.throttled)).toBe(true);
    expect(graph.service.requests.some((request) => request.throttled)).toBe(true);
  });

  it('downloads nothing on a re-sync without changes: 304s and the delta link', async () => {
    const pages = site.downloads('/handbook/parking') + site.downloads('/handbook/benefits');
    const files = graph.service.count(/\/content$/);
    const { code, json } = await sync();
    expect(code).toBe(0);
    expect(counts(json)).toEqual([
      { name: 'intranet', added: 0, updated: 0, deleted: 0, unchanged: 3, failed: 0 },
      { name: 'policies', added: 0, updated: 0, deleted: 0, unchanged: 0, failed: 0 },
    ]);
    expect(site.downloads('/handbook/parking') + site.downloads('/handbook/benefits')).toBe(pages);
    expect(graph.service.count(/\/content$/)).toBe(files);
  });

  it('applies an edit, a move and deletions at both on the next pass', async () => {
    site.page('/handbook/parking', 'Parking', '<p>Park in the visitor lot now.</p>');
    site.pages.delete('/handbook/benefits');
    graph.update(ids.leave ?? '', { name: 'Leave policy.md' });
    graph.remove(ids.travel ?? '');
    const { code, json } = await sync();
    expect(code).toBe(0);
    expect(counts(json)).toEqual([
      { name: 'intranet', added: 0, updated: 1, deleted: 1, unchanged: 1, failed: 0 },
      { name: 'policies', added: 0, updated: 1, deleted: 1, unchanged: 0, failed: 0 },
    ]);
    expect((await search('visitor lot'))[0]?.title).toBe('Parking');
    expect(await search('orthodontics')).toEqual([]);
    expect(await search('economy class flights')).toEqual([]);
    expect((await search('vacation days'))[0]).toMatchObject({
      title: 'Leave policy',
      url: `https://${graph.site.host}${graph.site.path}/Shared%20Documents/Policies/Leave%20policy.md`,
    });
  });

  it('reports a broken file and a refused secret, exits 1, and syncs the rest', async () => {
    ids.broken = graph.addFile('broken.docx', 'not a zip archive', ids.policies);
    const broken = await sync('--source', 'policies');
    expect(broken.code).toBe(1);
    expect(broken.json.sources[0]?.failed).toEqual([
      expect.objectContaining({ id: ids.broken, title: 'broken', reason: expect.any(String) }),
    ]);
    secret = 'wrong-secret-value';
    site.page('/handbook/parking', 'Parking', '<p>Park at the station from May.</p>');
    const refused = await sync();
    expect(refused.code).toBe(1);
    expect(refused.json.sources[0]).toMatchObject({ name: 'intranet', updated: 1 });
    expect(refused.json.sources[0]?.error).toBeUndefined();
    expect(refused.json.sources[1]?.error).toMatch(/Check tenant_id, client_id and client_secret/);
    // The refused source keeps its documents.
    expect((await search('vacation days'))[0]?.title).toBe('Leave policy');
    expect((await search('station from May'))[0]?.title).toBe('Parking');
  });
});
