import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { FakeGithub, FakeGoogleDrive, FakeNotion, notionBlock } from '@knowhow/sources/testing';
import { openSyncWorkspace, type SyncWorkspace } from './support/sync-workspace.js';

jest.setTimeout(300_000);

describe('knowhow sync with Notion, Google Drive and GitHub (fakes over HTTP)', () => {
  let notion: FakeNotion;
  let google: FakeGoogleDrive;
  let github: FakeGithub;
  let workspace: SyncWorkspace;
  let keyFile: string;
  const ids: Record<string, string> = {};
  const githubToken = 'ghp_cli-token-value';
  const sync = () => workspace.sync();
  const search = (query: string) => workspace.search(query);
  const sources = () => `sources:
  - name: notion
    type: notion
    token: \${NOTION_TOKEN}
    api_url: ${notion.origin}
    requests_per_second: 20
  - name: drive
    type: google-drive
    credentials_file: \${GOOGLE_APPLICATION_CREDENTIALS}
    folder_id: ${ids.folder}
    api_url: ${google.origin}
  - name: eng-docs
    type: github
    repo: acme/handbook
    paths: ["docs/**/*.md"]
    token: \${GITHUB_TOKEN}
    api_url: ${github.apiUrl}
`;

  beforeAll(async () => {
    [notion, google, github] = await Promise.all([
      FakeNotion.start(),
      FakeGoogleDrive.start(),
      FakeGithub.start(),
    ]);
    workspace = await openSyncWorkspace({
      prefix: 'knowhow-sources-two-',
      env: () => ({
        NOTION_TOKEN: notion.token,
        GOOGLE_APPLICATION_CREDENTIALS: keyFile,
        GITHUB_TOKEN: githubToken,
      }),
      secrets: () => [notion.token, githubToken, 'PRIVATE KEY'],
    });
    keyFile = await google.writeKeyFile(workspace.directory);
    ids.page = notion.addPage('Travel', [
      notionBlock('paragraph', 'Book trains through the travel desk.'),
    ]);
    ids.folder = google.addFolder('Handbook', 'my-drive-root');
    ids.doc = google.addFile(
      'Expenses',
      'application/vnd.google-apps.document',
      '# Expenses\n\nReceipts are uploaded within thirty days.\n',
      ids.folder,
    );
    github.token = githubToken;
    github.write('docs/deploy.md', '# Deploying\n\nDeploys happen from the release pipeline.\n');
    github.write('docs/oncall.md', '# On call\n\nThe pager rotates every Monday.\n');
    await workspace.writeConfig(sources());
  });
  afterAll(async () => {
    await Promise.all([notion.close(), google.close(), github.close()]);
    await workspace.close();
  });

  it('syncs the three sources from knowhow.yaml with ${VAR} secrets, with web links', async () => {
    const { code, json } = await sync();
    expect(code).toBe(0);
    expect(json.sources).toEqual([
      expect.objectContaining({ name: 'notion', type: 'notion', added: 1, failed: [] }),
      expect.objectContaining({ name: 'drive', type: 'google-drive', added: 1, failed: [] }),
      expect.objectContaining({ name: 'eng-docs', type: 'github', added: 2, failed: [] }),
    ]);
    expect((await search('trains travel desk'))[0]).toMatchObject({
      title: 'Travel',
      url: notion.urlOf(ids.page ?? ''),
    });
    expect((await search('receipts uploaded'))[0]?.url).toBe(
      `https://docs.google.com/document/d/${ids.doc}/edit?usp=drivesdk`,
    );
    expect((await search('pager rotates'))[0]?.url).toBe(
      'https://github.com/acme/handbook/blob/main/docs/oncall.md#on-call',
    );
  });

  it('downloads no content from any of them on a re-sync without changes', async () => {
    const before = [notion.contentReads(), google.contentReads(), github.blobDownloads()];
    const { code, json } = await sync();
    expect(code).toBe(0);
    for (const source of json.sources)
      expect(source).toMatchObject({ added: 0, updated: 0, deleted: 0, failed: [] });
    expect([notion.contentReads(), google.contentReads(), github.blobDownloads()]).toEqual(before);
  });

  it('removes what was deleted, unshared or trashed at each source on the next pass', async () => {
    notion.share(ids.page ?? '', false);
    google.trash(ids.doc ?? '');
    github.remove('docs/oncall.md');
    const { code, json } = await sync();
    expect(code).toBe(0);
    expect(json.sources.map((source) => source.deleted)).toEqual([1, 1, 1]);
    expect(await search('trains travel desk')).toEqual([]);
    expect(await search('receipts uploaded')).toEqual([]);
    expect(await search('pager rotates')).toEqual([]);
    expect((await search('release pipeline'))[0]?.title).toBe('Deploying');
  });

  it('names each wrong setting of an entry, and the other sources still sync', async () => {
    await workspace.writeConfig(
      `${sources()}  - name: broken-notion
    type: notion
    root_pages: [not-an-id]
  - name: broken-drive
    type: google-drive
    credentials_file: key.json
  - name: broken-github
    type: github
    repo: just-a-name
    api_url: ftp://github.example
`,
    );
    const { code, json } = await sync();
    expect(code).toBe(1);
    const errors = Object.fromEntries(json.sources.map((source) => [source.name, source.error]));
    expect(errors['eng-docs']).toBeUndefined();
    expect(errors['broken-notion']).toBe(
      'sources[3] (broken-notion).token: is required: the internal integration secret, e.g. ${NOTION_TOKEN}; sources[3] (broken-notion).root_pages.0: "not-an-id" is not a Notion id: copy the page\'s link (… /Title-<32 hex digits>) or its id',
    );
    expect(errors['broken-drive']).toBe(
      'sources[4] (broken-drive).folder_id: name a folder_id (drive.google.com/drive/folders/<id>) or a shared drive_id',
    );
    expect(errors['broken-github']).toMatch(
      /^sources\[5\] \(broken-github\)\.repo: use owner\/name, as in github\.com\/owner\/name; sources\[5\] \(broken-github\)\.api_url: /,
    );
  });
});
