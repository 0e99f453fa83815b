import { createVerify, generateKeyPairSync, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FakeRequest, type FakeResponse, FakeService } from './fake-service.js';

const folderType = 'application/vnd.google-apps.folder';
const exportable: Readonly<Record<string, string>> = {
  'application/vnd.google-apps.document': 'text/markdown',
  'application/vnd.google-apps.spreadsheet': 'text/csv',
  'application/vnd.google-apps.presentation': 'text/plain',
};

interface FakeFile {
  id: string;
  name: string;
  mimeType: string;
  parent: string;
  content: Uint8Array;
  trashed: boolean;
  /** Deleted for good, or no longer shared with the service account. */
  gone: boolean;
  version: number;
  modifiedTime: string;
  permissions: { type: string; role: string; emailAddress?: string; domain?: string }[];
}

/**
 * Google's OAuth2 token endpoint and the Drive API v3 on localhost. The token endpoint checks
 * the service account's RS256 JWT against the key it handed out; Drive answers `files.list`
 * (the `q` forms `'ID' in parents and trashed = false` and `trashed = false` with a shared
 * drive), only the `fields` asked for, `files.get`, `alt=media`, `export`, permissions, and the
 * `changes` feed with page tokens, all paginated.
 */
export class FakeGoogleDrive {
  readonly clientEmail = 'knowhow@acme-project.iam.gserviceaccount.com';
  /** The token endpoint's path: not Google's default, so the key's token_uri must be used. */
  readonly tokenPath = '/oauth2/v4/token-from-key-file';
  /** The shared drive; its id is also its root folder's. */
  readonly sharedDriveId = '0AsharedDriveRoot';
  pageSize = 100;
  readonly tokens = new Set<string>();
  readonly #files = new Map<string, FakeFile>();
  /** The change log: one entry per change, in order; page tokens are positions in it. */
  readonly #changes: string[] = [];
  readonly #keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  #clock = Date.parse('2024-05-01T08:00:00.000Z');
  #nextId = 1;

  private constructor(readonly service: FakeService) {}

  static async start(): Promise<FakeGoogleDrive> {
    const holder: { drive?: FakeGoogleDrive } = {};
    const service = await FakeService.start((request) =>
      holder.drive ? holder.drive.#route(request) : { status: 503 },
    );
    holder.drive = new FakeGoogleDrive(service);
    return holder.drive;
  }

  get origin(): string {
    return this.service.origin;
  }

  /** Writes the service account's JSON key into `directory`; returns its path. */
  async writeKeyFile(directory: string, privateKey?: string): Promise<string> {
    const path = join(directory, `service-account-${randomUUID()}.json`);
    const key = {
      type: 'service_account',
      project_id: 'acme-project',
      private_key_id: 'key-1',
      private_key: privateKey ?? this.#keys.privateKey.export({ type: 'pkcs8', format: 'pem' }),
      client_email: this.clientEmail,
      client_id: '1234567890',
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: `${this.origin}${this.tokenPath}`,
    };
    await writeFile(path, JSON.stringify(key, null, 2));
    return path;
  }

  addFolder(name: string, parent: string): string {
    return this.#add(name, folderType, parent, new Uint8Array());
  }

  addFile(name: string, mimeType: string, content: string | Uint8Array, parent: string): string {
    return this.#add(name, mimeType, parent, bytes(content));
  }

  update(
    id: string,
    changes: { content?: string | Uint8Array; name?: string; parent?: string },
  ): void {
    const file = this.#file(id);
    if (changes.content !== undefined) file.content = bytes(changes.content);
    if (changes.name !== undefined) file.name = changes.name;
    if (changes.parent !== undefined) file.parent = changes.parent;
    this.#changed(file);
  }

  share(id: string, permission: FakeFile['permissions'][number]): void {
    const file = this.#file(id);
    file.permissions.push(permission);
    this.#changed(file);
  }

  /** Trashes a file, or a folder with everything in it. */
  trash(id: string): void {
    const file = this.#file(id);
    file.trashed = true;
    this.#changed(file);
  }

  /** Deletes for good (or unshares): the feed reports it `removed`. */
  remove(id: string): void {
    const file = this.#file(id);
    file.gone = true;
    this.#changed(file);
  }

  /** Downloads and exports so far. */
  contentReads(): number {
    return this.service.requests.filter(
      (request) =>
        !request.throttled &&
        (request.query.get('alt') === 'media' || request.path.endsWith('/export')),
    ).length;
  }

  close(): Promise<void> {
    return this.service.close();
  }

  #add(name: string, mimeType: string, parent: string, content: Uint8Array): string {
    const id = `file-${(this.#nextId += 1)}`;
    const file: FakeFile = {
      id,
      name,
      mimeType,
      parent,
      content,
      trashed: false,
      gone: false,
      version: 0,
      modifiedTime: '',
      permissions: [{ type: 'user', role: 'owner', emailAddress: 'ada@acme.example' }],
    };
    this.#files.set(id, file);
    this.#changed(file);
    return id;
  }

  #changed(file: FakeFile): void {
    file.version += 1;
    file.modifiedTime = new Date((this.#clock += 60_000)).toISOString();
    this.#changes.push(file.id);
  }

  #file(id: string): FakeFile {
    const file = this.#files.get(id);
    if (!file || file.gone) throw new Error(`no file ${id}`);
    return file;
  }

  /** Trashed itself or inside a trashed folder, as Drive reports it. */
  #trashed(file: FakeFile): boolean {
    for (
      let current: FakeFile | undefined = file;
      current;
      current = this.#files.get(current.parent)
    )
      if (current.trashed) return true;
    return false;
  }

  #driveOf(file: FakeFile): string | undefined {
    let current: FakeFile | undefined = file;
    while (current) {
      if (current.parent === this.sharedDriveId) return this.sharedDriveId;
      current = this.#files.get(current.parent);
    }
    return undefined;
  }

  #json(file: FakeFile, fields: string | null): Record<string, unknown> {
    const all: Record<string, unknown> = {
      kind: 'drive#file',
      id: file.id,
      name: file.name,
      mimeType: file.mimeType,
      parents: [file.parent],
      trashed: this.#trashed(file),
      webViewLink: file.mimeType.startsWith('application/vnd.google-apps.')
        ? `https://docs.google.com/document/d/${file.id}/edit?usp=drivesdk`
        : `https://drive.google.com/file/d/${file.id}/view?usp=drivesdk`,
      modifiedTime: file.modifiedTime,
      version: String(file.version),
      owners: [{ emailAddress: 'ada@acme.example', displayName: 'Ada Lovelace' }],
      ...(file.mimeType.startsWith('application/vnd.google-apps.')
        ? {}
        : { md5Checksum: `md5-${file.id}-${file.version}` }),
      ...(this.#driveOf(file) ? { driveId: this.sharedDriveId } : {}),
    };
    // Drive sends only what `fields` asks for (default: kind, id, name, mimeType).
    const wanted = fields ? fileFieldNames(fields) : ['kind', 'id', 'name', 'mimeType'];
    return Object.fromEntries(Object.entries(all).filter(([key]) => wanted.includes(key)));
  }

  #route(request: FakeRequest): FakeResponse {
    if (request.method === 'POST' && request.path === this.tokenPath) return this.#token(request);
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token || !this.tokens.has(token)) {
      return googleError(401, 'Request had invalid authentication credentials.', 'UNAUTHENTICATED');
    }
    const { path, query } = request;
    if (path === '/drive/v3/changes/startPageToken')
      return {
        body: { kind: 'drive#startPageToken', startPageToken: String(this.#changes.length) },
      };
    if (path === '/drive/v3/changes') return this.#changeFeed(query);
    if (path === '/drive/v3/files') return this.#list(query);
    const match = /^\/drive\/v3\/files\/([^/]+)(\/export|\/permissions)?$/.exec(path);
    const file = match ? this.#files.get(match[1] ?? '') : undefined;
    if (
      !match ||
      !file ||
      file.gone ||
      (this.#driveOf(file) && match[2] !== '/export' && query.get('supportsAllDrives') !== 'true')
    )
      return googleError(404, `File not found: ${match?.[1] ?? ''}.`, 'NOT_FOUND');
    if (match[2] === '/permissions')
      return { body: { kind: 'drive#permissionList', permissions: file.permissions } };
    if (match[2] === '/export') {
      if (exportable[file.mimeType] !== query.get('mimeType'))
        return googleError(400, 'The requested conversion is not supported.', 'INVALID_ARGUMENT');
      return { body: file.content, headers: { 'content-type': query.get('mimeType') ?? '' } };
    }
    if (query.get('alt') === 'media') {
      if (exportable[file.mimeType] || file.mimeType === folderType)
        return googleError(
          403,
          'Only files with binary content can be downloaded. Use Export with Docs Editors files.',
          'PERMISSION_DENIED',
        );
      return { body: file.content, headers: { 'content-type': file.mimeType } };
    }
    return { body: this.#json(file, query.get('fields')) };
  }

  #token(request: FakeRequest): FakeResponse {
    const form = new URLSearchParams(request.body);
    const assertion = form.get('assertion') ?? '';
    const [header = '', claims = '', signature = ''] = assertion.split('.');
    const verified =
      form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer' &&
      createVerify('RSA-SHA256')
        .update(`${header}.${claims}`)
        .verify(this.#keys.publicKey, signature, 'base64url');
    if (!verified)
      return {
        status: 400,
        body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
      };
    const decoded = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const now = Date.now() / 1000;
    const { alg } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as {
      alg?: string;
    };
    if (
      alg !== 'RS256' ||
      decoded.iss !== this.clientEmail ||
      decoded.aud !== `${this.origin}${this.tokenPath}` ||
      !String(decoded.scope)
        .split(' ')
        .includes('https://www.googleapis.com/auth/drive.readonly') ||
      typeof decoded.exp !== 'number' ||
      decoded.exp < now ||
      typeof decoded.iat !== 'number' ||
      decoded.iat > now + 60
    ) {
      return {
        status: 400,
        body: { error: 'invalid_grant', error_description: 'Invalid JWT: claims are wrong.' },
      };
    }
    const accessToken = `ya29.fake-${randomUUID()}`;
    this.tokens.add(accessToken);
    return { body: { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' } };
  }

  #list(query: URLSearchParams): FakeResponse {
    const q = query.get('q') ?? '';
    const inParents = /^'([^']+)' in parents and trashed = false$/.exec(q);
    const wholeDrive = q === 'trashed = false' && query.get('driveId') === this.sharedDriveId;
    if (!inParents && !wholeDrive)
      return googleError(400, `Invalid Value: q ${q}`, 'INVALID_ARGUMENT');
    if (
      query.get('driveId') &&
      (query.get('corpora') !== 'drive' || query.get('includeItemsFromAllDrives') !== 'true')
    )
      return googleError(
        400,
        'The includeItemsFromAllDrives parameter must be set to true when driveId is set.',
        'INVALID_ARGUMENT',
      );
    const found = [...this.#files.values()].filter((file) => {
      if (file.gone || this.#trashed(file)) return false;
      const inDrive = this.#driveOf(file) !== undefined;
      if (inDrive && query.get('includeItemsFromAllDrives') !== 'true') return false;
      return inParents ? file.parent === inParents[1] : inDrive;
    });
    const start = Number(query.get('pageToken') ?? 0);
    const size = Math.min(Number(query.get('pageSize') ?? 100), this.pageSize);
    const more = start + size < found.length;
    const fields = /files\((.*)\)/.exec(query.get('fields') ?? '')?.[1] ?? null;
    return {
      body: {
        kind: 'drive#fileList',
        files: found.slice(start, start + size).map((file) => this.#json(file, fields)),
        ...(more ? { nextPageToken: String(start + size) } : {}),
      },
    };
  }

  #changeFeed(query: URLSearchParams): FakeResponse {
    const start = Number(query.get('pageToken'));
    if (!Number.isInteger(start) || start < 0 || start > this.#changes.length)
      return googleError(400, 'Invalid Value: pageToken', 'INVALID_ARGUMENT');
    const size = Math.min(Number(query.get('pageSize') ?? 100), this.pageSize);
    const end = Math.min(start + size, this.#changes.length);
    const fields = /file\((.*)\)\)/.exec(query.get('fields') ?? '')?.[1] ?? null;
    const drive = query.get('driveId');
    const changes = this.#changes.slice(start, end).flatMap((id) => {
      const file = this.#files.get(id);
      if (!file) return [];
      const inDrive = this.#driveOf(file) !== undefined;
      if (drive ? !inDrive : inDrive && query.get('includeItemsFromAllDrives') !== 'true')
        return [];
      return [
        file.gone
          ? { kind: 'drive#change', changeType: 'file', fileId: id, removed: true }
          : {
              kind: 'drive#change',
              changeType: 'file',
              fileId: id,
              removed: false,
              file: this.#json(file, fields),
            },
      ];
    });
    return {
      body: {
        kind: 'drive#changeList',
        changes,
        ...(end < this.#changes.length
          ? { nextPageToken: String(end) }
          : { newStartPageToken: String(this.#changes.length) }),
      },
    };
  }
}

function bytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content;
}

/** The top-level names of a fields list: `id,owners(emailAddress),name` → id, owners, name. */
function fileFieldNames(fields: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const character of fields) {
    if (character === '(') depth += 1;
    if (character === ')') depth -= 1;
    if (character === ',' && depth === 0) {
      names.push(current.trim());
      current = '';
    } else if (depth === 0 && character !== ')') current += character;
  }
  names.push(current.trim());
  return names;
}

function googleError(code: number, message: string, status: string): FakeResponse {
  return { status: code, body: { error: { code, message, status, errors: [{ message }] } } };
}
