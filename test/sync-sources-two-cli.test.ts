import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { FakeGithub, FakeGoogleDrive, FakeNotion, notionBlock } from '@knowhow/sources/testing';
import { runKnowhow } from './support/run-knowhow.js';

jest.setTimeout(300_000);

interface SyncJson {
  sources: {
    name: string;
    type: string;
    added: number;
    updated: number;
    deleted: number;
    unchanged: number;
    failed: unknown[];
    error?: string;
  }[];
}

describe('knowhow sync with Notion, Google Drive and GitHub (fakes over HTTP)', () => {
  let notion: FakeNotion;
  let google: FakeGoogleDrive;
  let github: FakeGithub;
  let workspace: string;
  let keyFile: string;
  const ids: Record<string, string> = {};
  const githubToken = 'ghp_cli-token-value';
  const env = () => ({
    KNOWHOW_DATA_DIR: join(workspace, 'data'),
    NOTION_TOKEN: notion.token,
    GOOGLE_APPLICATION_CREDENTIALS: keyFile,
    GITHUB_TOKEN: githubToken,
  });
  const knowhow = (...args: string[]) => runKnowhow(args, { cwd: workspace, env: env() });
  const sync = async (...args: string[]) => {
    const result = await knowhow('sync', '--json', ...args);
    for (const secret of [notion.token, githubToken, 'PRIVATE KEY']) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }
    return { code: result.code, json: JSON.parse(result.stdout) as SyncJson };
  };
  const search = async (query: string) =>
    JSON.parse((await knowhow('search', query, '--json', '--k', '5')).stdout) as {
      title: string;
      url: string | null;
    }[];
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
    workspace = await mkdtemp(join(tmpdir(), 'knowhow-sources-two-'));
    keyFile = await google.writeKeyFile(workspace);
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
    await writeFile(join(workspace, 'knowhow.yaml'), sources());
  });
  afterAll(async () => {
    await Promise.all([notion.close(), google.close(), github.close()]);
    await rm(workspace, { recursive: true, force: true });
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
    await writeFile(
      join(workspace, 'knowhow.yaml'),
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
