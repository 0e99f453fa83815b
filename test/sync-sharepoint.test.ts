import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeDocx } from '@knowhow/rag-core/testing';
import { FakeGraph } from '@knowhow/sources/testing';
import { openSyncHarness } from './support/sync-harness.js';

describe('the sharepoint source (fake Entra ID and Microsoft Graph over plain http)', () => {
  let graph: FakeGraph;
  let harness: Awaited<ReturnType<typeof openSyncHarness>>;
  const ids: Record<string, string> = {};
  const settings = (overrides: Record<string, unknown> = {}) => ({
    site: `${graph.site.host}:${graph.site.path}`,
    folder: 'Policies',
    tenant_id: graph.credentials.tenant,
    client_id: graph.credentials.clientId,
    client_secret: graph.credentials.clientSecret,
    graph_url: graph.origin,
    login_url: graph.origin,
    ...overrides,
  });
  const sharepoint = (overrides: Record<string, unknown> = {}) =>
    harness.target('policies', 'sharepoint', settings(overrides));
  const downloads = () => graph.service.count(/\/content$/);
  const search = async (text: string) => (await harness.search(text)).map((hit) => hit.title);

  beforeAll(async () => {
    graph = await FakeGraph.start();
    graph.pageSize = 3;
    graph.service.throttle(5, '0');
    harness = await openSyncHarness();
    ids.policies = graph.addFolder('Policies');
    ids.travel = graph.addFolder('Travel', ids.policies);
    ids.leave = graph.addFile(
      'Leave_policy.md',
      '# Leave\n\nEmployees get 28 vacation days.\n',
      ids.policies,
    );
    ids.expenses = graph.addFile(
      'expenses.docx',
      await makeDocx([
        { heading: 'Meals', level: 1, paragraphs: ['Meals are reimbursed up to 40 EUR.'] },
      ]),
      ids.travel,
    );
    ids.notes = graph.addFile('notes.txt', 'Parking is in the garage.', ids.policies);
    ids.outside = graph.addFile('budget.md', '# Budget\n\nSecret numbers.\n');
    ids.image = graph.addFile('logo.png', 'PNG', ids.policies);
  });
  afterAll(async () => {
    await harness.close();
    await graph.close();
  });

  it('syncs the folder through the paginated delta feed, with web links and sharing', async () => {
    const [result] = await harness.sync([sharepoint()]);
    expect(result).toMatchObject({ status: 'ok', added: 3, failed: [] });
    const [hit] = await harness.search('vacation days');
    expect(hit).toMatchObject({
      title: 'Leave policy',
      source: 'policies:Policies/Leave_policy.md',
      url: `https://${graph.site.host}${graph.site.path}/Shared%20Documents/Policies/Leave_policy.md`,
    });
    expect((await harness.search('meals reimbursed'))[0]?.heading).toBe('Meals');
    expect(await harness.search('secret numbers')).toEqual([]);
    const { rows } = await harness.store.database.query<{
      metadata: { permissions: unknown; author: string };
    }>(`SELECT metadata FROM documents WHERE title = 'Leave policy'`);
    expect(rows[0]?.metadata).toMatchObject({
      author: 'ada@acme.example',
      permissions: [
        { roles: ['read'], users: [], groups: ['HR Visitors'] },
        { roles: ['write'], users: ['ada@acme.example'], groups: [] },
      ],
    });
  });

  it('resumes from its delta link: nothing downloaded when nothing changed', async () => {
    const before = downloads();
    const [result] = await harness.sync([sharepoint()]);
    expect(result).toMatchObject({ added: 0, updated: 0, deleted: 0, unchanged: 0 });
    expect(downloads()).toBe(before);
    const deltas = graph.service.requests.filter((request) => request.path.endsWith('/root/delta'));
    expect(deltas.at(-1)?.query.get('token')).toBe(String(graph.sequence));
  });

  it('applies an edit, a rename, a move out of the folder and a deletion', async () => {
    graph.update(ids.leave ?? '', { content: '# Leave\n\nEmployees get 30 vacation days.\n' });
    graph.update(ids.notes ?? '', { name: 'parking.txt' });
    graph.update(ids.expenses ?? '', { parentId: graph.rootId });
    const [result] = await harness.sync([sharepoint()]);
    expect(result).toMatchObject({ added: 0, updated: 2, deleted: 1 });
    expect(await search('30 vacation days')).toEqual(['Leave policy']);
    expect(await search('garage')).toEqual(['parking']);
    expect(await harness.search('meals reimbursed')).toEqual([]);
    graph.remove(ids.leave ?? '');
    expect((await harness.sync([sharepoint()]))[0]).toMatchObject({ deleted: 1 });
    expect(await harness.search('vacation days')).toEqual([]);
  });

  it('rewrites the files under a renamed folder', async () => {
    ids.rules = graph.addFile('rules.md', '# Rules\n\nBadges are worn at all times.\n', ids.travel);
    await harness.sync([sharepoint()]);
    graph.update(ids.travel ?? '', { name: 'Trips' });
    const [result] = await harness.sync([sharepoint()]);
    expect(result).toMatchObject({ updated: 1 });
    expect((await harness.search('badges worn'))[0]?.source).toBe(
      'policies:Policies/Trips/rules.md',
    );
  });

  it('reports a broken file, and retries it on the next pass though it did not change', async () => {
    ids.broken = graph.addFile('broken.docx', 'not a zip archive', ids.policies);
    const [failed] = await harness.sync([sharepoint()]);
    expect(failed?.failed).toEqual([expect.objectContaining({ id: ids.broken, title: 'broken' })]);
    const before = downloads();
    const [again] = await harness.sync([sharepoint()]);
    expect(again?.failed).toHaveLength(1);
    expect(downloads()).toBe(before + 1);
  });

  it('enumerates again when the delta link expired', async () => {
    graph.expiredBefore = graph.sequence + 1;
    graph.update(ids.rules ?? '', { content: '# Rules\n\nBadges are optional on Fridays.\n' });
    const [result] = await harness.sync([sharepoint()]);
    expect(result).toMatchObject({ status: 'partial', updated: 1 });
    expect(await search('optional fridays')).toEqual(['rules']);
  });

  it('says what to fix for a wrong secret or site, and never prints the secret', async () => {
    const [secret] = await harness.sync([sharepoint({ client_secret: 'wrong-secret-value' })]);
    expect(secret?.error).toMatch(/AADSTS7000215.*Check tenant_id, client_id and client_secret/);
    expect(secret?.error).not.toContain('wrong-secret-value');
    const [site] = await harness.sync([
      harness.target('other', 'sharepoint', settings({ site: `${graph.site.host}:/sites/Nope` })),
    ]);
    expect(site?.error).toContain('Microsoft Graph has no site acme.sharepoint.com:/sites/Nope');
  });
});
