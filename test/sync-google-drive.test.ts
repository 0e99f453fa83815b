import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeDocx } from '@knowhow/rag-core/testing';
import { FakeGoogleDrive } from '@knowhow/sources/testing';
import { openSyncHarness } from './support/sync-harness.js';

const doc = 'application/vnd.google-apps.document';
const sheet = 'application/vnd.google-apps.spreadsheet';
const slides = 'application/vnd.google-apps.presentation';
const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('the google-drive source (fake Google OAuth2 and Drive v3 over plain http)', () => {
  let google: FakeGoogleDrive;
  let harness: Awaited<ReturnType<typeof openSyncHarness>>;
  let directory: string;
  let keyFile: string;
  const ids: Record<string, string> = {};
  const settings = (overrides: Record<string, unknown> = {}) => ({
    credentials_file: keyFile,
    folder_id: ids.root,
    api_url: google.origin,
    ...overrides,
  });
  const drive = (overrides: Record<string, unknown> = {}) =>
    harness.target('drive', 'google-drive', settings(overrides));
  const search = async (text: string) =>
    (await harness.search(text))
      .filter((hit) => hit.collection === 'drive')
      .map((hit) => hit.title);

  beforeAll(async () => {
    google = await FakeGoogleDrive.start();
    google.pageSize = 2;
    google.service.throttle(5, '0');
    directory = await mkdtemp(join(tmpdir(), 'knowhow-drive-'));
    keyFile = await google.writeKeyFile(directory);
    harness = await openSyncHarness();
    ids.root = google.addFolder('Handbook', 'my-drive-root');
    ids.policies = google.addFolder('Policies', ids.root);
    ids.leave = google.addFile(
      'Leave policy',
      doc,
      '# Leave\n\nEmployees get 28 vacation days.\n',
      ids.policies,
    );
    ids.budget = google.addFile(
      'Budget',
      sheet,
      'Team,Amount\nDesign,1200\nSupport,900\n',
      ids.root,
    );
    ids.deck = google.addFile(
      'All hands',
      slides,
      'Quarterly goals\n\nShip the mobile app.\n',
      ids.root,
    );
    ids.expenses = google.addFile(
      'expenses.docx',
      docx,
      await makeDocx([
        { heading: 'Meals', level: 1, paragraphs: ['Meals are reimbursed up to 40 EUR.'] },
      ]),
      ids.policies,
    );
    ids.notes = google.addFile('parking.txt', 'text/plain', 'Parking is in the garage.', ids.root);
    ids.image = google.addFile('logo.png', 'image/png', 'PNG', ids.root);
    ids.form = google.addFile('Survey', 'application/vnd.google-apps.form', '', ids.root);
    ids.outside = google.addFile('Salaries', doc, 'Salary bands are secret.', 'my-drive-root');
    google.share(ids.leave, { type: 'group', role: 'reader', emailAddress: 'hr@acme.example' });
    google.share(ids.leave, { type: 'domain', role: 'reader', domain: 'acme.example' });
  });
  afterAll(async () => {
    await harness.close();
    await google.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('signs in with the key file, lists the folder and its subfolders, exports Google files', async () => {
    const [result] = await harness.sync([drive()]);
    expect(result).toMatchObject({ status: 'ok', added: 5, failed: [] });
    const [hit] = await harness.search('vacation days');
    expect(hit).toMatchObject({
      title: 'Leave policy',
      source: 'drive:Policies/Leave policy',
      url: `https://docs.google.com/document/d/${ids.leave}/edit?usp=drivesdk`,
      heading: 'Leave',
    });
    expect((await harness.search('meals reimbursed'))[0]).toMatchObject({
      title: 'expenses',
      heading: 'Meals',
      url: `https://drive.google.com/file/d/${ids.expenses}/view?usp=drivesdk`,
    });
    expect((await harness.search('Design Support amount'))[0]?.text).toContain('Design,1200');
    expect(await search('mobile app quarterly')).toEqual(['All hands']);
    expect(await search('parking garage')).toEqual(['parking']);
    expect(await search('salary bands')).toEqual([]);
    // The JWT went to the key file's token_uri, not Google's default endpoint.
    expect(google.service.count(new RegExp(google.tokenPath), 'POST')).toBeGreaterThan(0);
    const { rows } = await harness.store.database.query<{ metadata: Record<string, unknown> }>(
      `SELECT metadata FROM documents WHERE title = 'Leave policy'`,
    );
    expect(rows[0]?.metadata).toMatchObject({
      author: 'ada@acme.example',
      modifiedAt: expect.stringMatching(/^2024-05-01T/),
      permissions: [
        { role: 'owner', type: 'user', holder: 'ada@acme.example' },
        { role: 'reader', type: 'group', holder: 'hr@acme.example' },
        { role: 'reader', type: 'domain', holder: 'acme.example' },
      ],
    });
  });

  it('reads only the changes feed when nothing changed: no download, no export', async () => {
    const before = google.contentReads();
    const lists = google.service.count(/^\/drive\/v3\/files$/);
    const [result] = await harness.sync([drive()]);
    expect(result).toMatchObject({ status: 'ok', added: 0, updated: 0, deleted: 0 });
    expect(google.contentReads()).toBe(before);
    expect(google.service.count(/^\/drive\/v3\/files$/)).toBe(lists);
  });

  it('applies an edit, a rename, a move out of the folder, trashing and deleting', async () => {
    google.update(ids.leave ?? '', { content: '# Leave\n\nEmployees get 30 vacation days.\n' });
    google.update(ids.notes ?? '', { name: 'garage.txt' });
    google.update(ids.expenses ?? '', { parent: 'my-drive-root' });
    google.trash(ids.deck ?? '');
    google.remove(ids.budget ?? '');
    const [result] = await harness.sync([drive()]);
    expect(result).toMatchObject({ status: 'ok', updated: 2, deleted: 3 });
    expect(await search('30 vacation days')).toEqual(['Leave policy']);
    expect(await search('parking garage')).toEqual(['garage']);
    expect(await search('meals reimbursed')).toEqual([]);
    expect(await search('mobile app quarterly')).toEqual([]);
    expect(await search('Design Support amount')).toEqual([]);
  });

  it('follows folders: a renamed one rewrites paths, one moved in brings its files, a trashed one takes them', async () => {
    google.update(ids.policies ?? '', { name: 'Rules' });
    ids.archive = google.addFolder('Archive', 'my-drive-root');
    ids.old = google.addFile(
      'Old travel',
      doc,
      '# Travel\n\nTrains are booked in second class.\n',
      ids.archive,
    );
    await harness.sync([drive()]);
    google.update(ids.archive ?? '', { parent: ids.root ?? '' });
    const [result] = await harness.sync([drive()]);
    expect(result).toMatchObject({ status: 'ok', added: 1 });
    expect((await harness.search('vacation days'))[0]?.source).toBe('drive:Rules/Leave policy');
    expect((await harness.search('second class trains'))[0]?.source).toBe(
      'drive:Archive/Old travel',
    );
    google.trash(ids.archive ?? '');
    expect((await harness.sync([drive()]))[0]).toMatchObject({ deleted: 1 });
    expect(await search('second class trains')).toEqual([]);
  });

  it('reports a broken file, and retries it on the next pass though it did not change', async () => {
    ids.broken = google.addFile('broken.docx', docx, 'not a zip archive', ids.root ?? '');
    const [failed] = await harness.sync([drive()]);
    expect(failed?.failed).toEqual([
      expect.objectContaining({
        id: ids.broken,
        title: 'broken',
        url: `https://drive.google.com/file/d/${ids.broken}/view?usp=drivesdk`,
      }),
    ]);
    const before = google.contentReads();
    const [again] = await harness.sync([drive()]);
    expect(again?.failed).toHaveLength(1);
    expect(google.contentReads()).toBe(before + 1);
  });

  it('syncs a shared drive by drive_id', async () => {
    ids.team = google.addFolder('Team', google.sharedDriveId);
    google.addFile(
      'Runbook',
      doc,
      '# Runbook\n\nPage the on-call engineer first.\n',
      ids.team ?? '',
    );
    const [result] = await harness.sync([
      harness.target(
        'shared',
        'google-drive',
        settings({ folder_id: undefined, drive_id: google.sharedDriveId }),
      ),
    ]);
    expect(result).toMatchObject({ status: 'ok', added: 1 });
    expect((await harness.search('on-call engineer'))[0]?.source).toBe('shared:Team/Runbook');
  });

  it('says what to fix for a missing or wrong key and an unshared folder', async () => {
    const [missing] = await harness.sync([
      harness.target(
        'missing',
        'google-drive',
        settings({ credentials_file: join(directory, 'nope.json') }),
      ),
    ]);
    expect(missing?.error).toContain(
      `cannot read credentials_file ${join(directory, 'nope.json')} (ENOENT)`,
    );
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const wrongKey = await google.writeKeyFile(directory, other);
    const [refused] = await harness.sync([
      harness.target('wrong-key', 'google-drive', settings({ credentials_file: wrongKey })),
    ]);
    expect(refused?.error).toMatch(
      /Google OAuth2 answered 400.*Invalid JWT Signature.*Check credentials_file/,
    );
    expect(refused?.error).not.toContain('PRIVATE KEY');
    const [unshared] = await harness.sync([
      harness.target('unshared', 'google-drive', settings({ folder_id: 'folder-nobody-shared' })),
    ]);
    expect(unshared?.error).toContain(
      `Google Drive has no folder folder-nobody-shared shared with ${google.clientEmail}`,
    );
  });
});
