import { createHash } from 'node:crypto';
import {
  type ItemContent,
  type JsonValue,
  KnowhowError,
  type ListingEnd,
  type ListRequest,
  type Source,
  type SourceChange,
  type SourceItem,
} from '@knowhow/rag-core';
import { createHttpClient, type HttpClient, type RetryNotice } from '../http/http-client.js';
import { DriveTree, type FolderRecord } from '../sharepoint/drive-tree.js';
import { isSourceError, sourceError } from '../source-error.js';
import { driveReading, folderType } from './drive-formats.js';
import { driveHints, type GoogleDriveSettings } from './google-drive-settings.js';
import { createServiceAccountTokens, readServiceAccountKey } from './service-account.js';
import { parseCursor } from '../parse-cursor.js';

// The fields of a file that are read; Drive sends only id, name and mimeType unless asked.
interface DriveFile {
  id: string;
  name?: string;
  mimeType?: string;
  parents?: string[];
  trashed?: boolean;
  webViewLink?: string;
  modifiedTime?: string;
  md5Checksum?: string;
  version?: string;
  owners?: { emailAddress?: string; displayName?: string }[];
  lastModifyingUser?: { emailAddress?: string; displayName?: string };
}
interface Change {
  fileId: string;
  removed?: boolean;
  file?: DriveFile;
}
interface Permission {
  type?: string;
  role?: string;
  emailAddress?: string;
  domain?: string;
  displayName?: string;
}

const fileFields =
  'id,name,mimeType,parents,trashed,webViewLink,modifiedTime,md5Checksum,version,owners(emailAddress,displayName),lastModifyingUser(emailAddress,displayName)';

/** The cursor: the changes page token and the folders in scope (changes carry no path). */
interface DriveCursor {
  pageToken: string;
  rootId: string;
  folders: Record<string, FolderRecord>;
}

/** What is kept per file: where it sat and what it is, so a renamed folder can be noticed. */
interface FileState {
  parentId: string | null;
  name: string;
  path: string;
  mimeType: string;
  [key: string]: JsonValue;
}

/**
 * A Google Drive folder (with its subfolders) or shared drive, read as a service account:
 * the first pass lists the files (`files.list`), later passes read the `changes` feed from the
 * page token kept as the cursor. Google Docs, Sheets and Slides are exported; uploaded files
 * in the formats ingest reads are downloaded.
 */
export class GoogleDriveSource implements Source {
  readonly #settings: GoogleDriveSettings;
  readonly #onRetry: ((notice: RetryNotice) => void) | undefined;
  #drive: Promise<HttpClient> | undefined;
  #serviceAccount = '';

  constructor(
    settings: GoogleDriveSettings,
    options: { onRetry?: (notice: RetryNotice) => void } = {},
  ) {
    this.#settings = settings;
    this.#onRetry = options.onRetry;
  }

  get #rootId(): string {
    return this.#settings.folder_id ?? this.#settings.drive_id ?? '';
  }

  async *list(request: ListRequest): AsyncGenerator<SourceChange, ListingEnd, undefined> {
    const drive = await this.#client();
    let cursor = parseCursor<DriveCursor>(request.cursor, 'pageToken');
    if (cursor?.rootId !== this.#rootId) cursor = undefined;
    if (!cursor) return yield* this.#listAll(drive, request.signal);
    return yield* this.#listChanges(drive, cursor, request);
  }

  async fetch(item: SourceItem, signal: AbortSignal): Promise<ItemContent> {
    const drive = await this.#client();
    const state = item.state as FileState;
    const reading = driveReading(state.name, state.mimeType);
    if (!reading) throw sourceError('unsupported', `${item.path} is not a format Knowhow reads`);
    const file = `files/${encodeURIComponent(item.id)}`;
    const response =
      reading.kind === 'export'
        ? await drive.get(`${file}/export`, {
            searchParams: { mimeType: reading.mimeType },
            signal,
          })
        : await drive.get(file, {
            searchParams: { alt: 'media', supportsAllDrives: true },
            signal,
          });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const permissions = await drive
      .json<{ permissions?: Permission[] }>(`${file}/permissions`, {
        searchParams: {
          supportsAllDrives: true,
          fields: 'permissions(type,role,emailAddress,domain,displayName)',
        },
        signal,
      })
      .then((answer) => (answer.permissions ?? []).map(describePermission))
      .catch((error: unknown) => {
        // Only a shared drive's organizers may list its permissions: the document still syncs.
        if (isSourceError(error, 'forbidden')) return undefined;
        throw error;
      });
    return {
      format: reading.format,
      bytes,
      mediaType: reading.kind === 'export' ? reading.mimeType : reading.mediaType,
      ...(permissions ? { permissions } : {}),
    };
  }

  /** The first pass, or one after settings changed: every file in scope. */
  async *#listAll(
    drive: HttpClient,
    signal: AbortSignal,
  ): AsyncGenerator<SourceChange, ListingEnd> {
    await this.#checkRoot(drive, signal);
    // Taken before listing, so what changes meanwhile is in the next pass's feed.
    const { startPageToken } = await drive.json<{ startPageToken: string }>(
      'changes/startPageToken',
      { searchParams: { supportsAllDrives: true, ...this.#driveParam() }, signal },
    );
    const tree = new DriveTree({}, this.#rootId);
    for (const file of await this.#walk(drive, this.#rootId, tree, signal)) {
      const change = this.#change(file, tree);
      if (change) yield change;
    }
    return { cursor: cursorOf(startPageToken, tree), complete: true };
  }

  /** Later passes: what the changes feed reports since the page token. */
  async *#listChanges(
    drive: HttpClient,
    cursor: DriveCursor,
    request: ListRequest,
  ): AsyncGenerator<SourceChange, ListingEnd> {
    const { signal } = request;
    const { changes, pageToken } = await this.#changes(drive, cursor.pageToken, signal);
    const tree = new DriveTree(cursor.folders, this.#rootId);
    const before = new Set(tree.folders.keys());
    for (const change of changes) {
      const isFolder = change.file?.mimeType === folderType || tree.folders.has(change.fileId);
      if (!isFolder) continue;
      if (change.removed || !change.file || change.file.trashed) tree.folders.delete(change.fileId);
      else
        tree.folders.set(change.fileId, {
          name: change.file.name ?? '',
          parentId: change.file.parents?.[0] ?? null,
        });
    }
    pruneUnreachable(tree);
    const listed = new Set<string>();
    // A folder moved into scope brings files the feed does not name: list them.
    for (const folderId of [...tree.folders.keys()].filter((id) => !before.has(id))) {
      for (const file of await this.#walk(drive, folderId, tree, signal)) {
        listed.add(file.id);
        const change = this.#change(file, tree);
        if (change) yield change;
      }
    }
    for (const change of changes) {
      if (change.file?.mimeType === folderType || before.has(change.fileId)) continue;
      if (listed.has(change.fileId)) continue;
      listed.add(change.fileId);
      if (change.removed || !change.file || change.file.trashed) {
        yield { type: 'deleted', id: change.fileId };
        continue;
      }
      const item = this.#change(change.file, tree);
      if (item) yield item;
      else if (request.known.has(change.fileId)) yield { type: 'deleted', id: change.fileId };
    }
    // Files the feed did not name: under a renamed, moved or trashed folder, or failed last time.
    for (const [id, known] of request.known) {
      if (listed.has(id)) continue;
      const state = known.state as FileState | null;
      if (state && pathOf(tree, state.parentId, state.name) === state.path && !known.failed)
        continue;
      const fresh = await this.#file(drive, id, signal);
      const item = fresh && !fresh.trashed ? this.#change(fresh, tree) : undefined;
      yield item ?? { type: 'deleted', id };
    }
    return { cursor: cursorOf(pageToken, tree), complete: false };
  }

  async #client(): Promise<HttpClient> {
    this.#drive ??= (async () => {
      const key = await readServiceAccountKey(this.#settings.credentials_file);
      this.#serviceAccount = key.client_email;
      const token = createServiceAccountTokens(key, {
        ...(this.#settings.subject ? { subject: this.#settings.subject } : {}),
        ...(this.#onRetry ? { onRetry: this.#onRetry } : {}),
      });
      return createHttpClient({
        service: 'Google Drive',
        baseUrl: `${this.#settings.api_url}/drive/v3/`,
        headers: async () => ({
          authorization: `Bearer ${await token()}`,
          accept: 'application/json',
        }),
        hints: driveHints,
        // Drive's per-user limit may answer 403 with Retry-After, besides 429.
        rateLimitStatuses: [403],
        ...(this.#onRetry ? { onRetry: this.#onRetry } : {}),
      });
    })();
    // A key read before it was fixed is read again on the next pass.
    this.#drive.catch(() => {
      this.#drive = undefined;
    });
    return this.#drive;
  }

  #driveParam(): Record<string, string> {
    return this.#settings.drive_id ? { driveId: this.#settings.drive_id } : {};
  }

  async #checkRoot(drive: HttpClient, signal: AbortSignal): Promise<void> {
    if (!this.#settings.folder_id) return;
    const folder = await this.#file(drive, this.#settings.folder_id, signal);
    if (!folder || folder.trashed) {
      throw sourceError(
        'not_found',
        `Google Drive has no folder ${this.#settings.folder_id} shared with ${this.#serviceAccount}. Share the folder with that e-mail (Viewer), or check folder_id in knowhow.yaml`,
        { status: 404 },
      );
    }
    if (folder.mimeType !== folderType) {
      throw new KnowhowError(
        'invalid_configuration',
        `Google Drive: ${this.#settings.folder_id} is a file (${folder.name ?? ''}), not a folder. Check folder_id in knowhow.yaml`,
      );
    }
  }

  /** Every file below a folder (or in the whole shared drive); folders go into the tree. */
  async #walk(
    drive: HttpClient,
    folderId: string,
    tree: DriveTree,
    signal: AbortSignal,
  ): Promise<DriveFile[]> {
    const files: DriveFile[] = [];
    const take = (file: DriveFile) => {
      if (file.mimeType !== folderType) return files.push(file);
      tree.folders.set(file.id, { name: file.name ?? '', parentId: file.parents?.[0] ?? null });
      return pending.push(file.id);
    };
    const pending: string[] = [];
    if (folderId === this.#settings.drive_id && !this.#settings.folder_id) {
      // A whole shared drive: one listing; parents name the folders.
      for await (const file of this.#files(drive, 'trashed = false', signal)) take(file);
      pruneUnreachable(tree);
      return files.filter((file) => pathOf(tree, file.parents?.[0] ?? null, '') !== undefined);
    }
    pending.push(folderId);
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      for await (const file of this.#files(
        drive,
        `'${next}' in parents and trashed = false`,
        signal,
      ))
        take(file);
    }
    return files;
  }

  async *#files(drive: HttpClient, q: string, signal: AbortSignal): AsyncGenerator<DriveFile> {
    let pageToken: string | undefined;
    do {
      const page: { files?: DriveFile[]; nextPageToken?: string } = await drive.json('files', {
        searchParams: {
          q,
          fields: `nextPageToken,files(${fileFields})`,
          pageSize: 1000,
          supportsAllDrives: true,
          includeItemsFromAllDrives: true,
          corpora: this.#settings.drive_id ? 'drive' : 'allDrives',
          ...this.#driveParam(),
          pageToken,
        },
        signal,
      });
      yield* page.files ?? [];
      pageToken = page.nextPageToken;
    } while (pageToken);
  }

  async #changes(
    drive: HttpClient,
    from: string,
    signal: AbortSignal,
  ): Promise<{ changes: Change[]; pageToken: string }> {
    const changes: Change[] = [];
    for (let pageToken = from; ;) {
      const page: { changes?: Change[]; nextPageToken?: string; newStartPageToken?: string } =
        await drive.json('changes', {
          searchParams: {
            pageToken,
            pageSize: 1000,
            includeRemoved: true,
            supportsAllDrives: true,
            includeItemsFromAllDrives: true,
            ...this.#driveParam(),
            fields: `nextPageToken,newStartPageToken,changes(fileId,removed,file(${fileFields}))`,
          },
          signal,
        });
      changes.push(...(page.changes ?? []));
      if (page.nextPageToken) pageToken = page.nextPageToken;
      else if (page.newStartPageToken) return { changes, pageToken: page.newStartPageToken };
      else
        throw sourceError(
          'bad_response',
          'Google Drive ended the changes without a newStartPageToken',
        );
    }
  }

  async #file(drive: HttpClient, id: string, signal: AbortSignal): Promise<DriveFile | undefined> {
    try {
      return await drive.json<DriveFile>(`files/${encodeURIComponent(id)}`, {
        searchParams: { fields: fileFields, supportsAllDrives: true },
        signal,
      });
    } catch (error) {
      if (isSourceError(error, 'not_found')) return undefined;
      throw error;
    }
  }

  /** A file in scope as an item; undefined for files outside the folder or of other formats. */
  #change(file: DriveFile, tree: DriveTree): SourceChange | undefined {
    const name = file.name ?? file.id;
    const mimeType = file.mimeType ?? 'application/octet-stream';
    const parentId = file.parents?.[0] ?? null;
    const path = pathOf(tree, parentId, name);
    const reading = driveReading(name, mimeType);
    if (path === undefined || !reading) return undefined;
    const place = createHash('sha256').update(path).digest('base64url').slice(0, 12);
    const person = file.owners?.[0] ?? file.lastModifyingUser;
    const author = person?.emailAddress ?? person?.displayName;
    const state: FileState = { parentId, name, path, mimeType };
    const title = reading.kind === 'export' ? name : name.replace(/\.[^.]+$/, '') || name;
    return {
      type: 'item',
      item: {
        id: file.id,
        // `version` counts every change to the file, its sharing included.
        version: `${file.version ?? file.md5Checksum ?? file.modifiedTime ?? ''}:${place}`,
        title,
        url: file.webViewLink ?? `https://drive.google.com/open?id=${encodeURIComponent(file.id)}`,
        path,
        ...(file.modifiedTime ? { modifiedAt: file.modifiedTime } : {}),
        ...(author ? { author } : {}),
        state,
      },
    };
  }
}

/** A file's path from the root; undefined when its folder is not in scope. */
function pathOf(tree: DriveTree, parentId: string | null, name: string): string | undefined {
  if (parentId === null) return undefined;
  if (parentId === tree.rootId) return name;
  if (!tree.folders.has(parentId)) return undefined;
  const folder = tree.folderPath(parentId);
  return folder === undefined ? undefined : `${folder}/${name}`;
}

/** Drops folders whose parents do not lead to the root (moved out, or never in scope). */
function pruneUnreachable(tree: DriveTree): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const [id, folder] of tree.folders) {
      if (folder.parentId === tree.rootId || (folder.parentId && tree.folders.has(folder.parentId)))
        continue;
      tree.folders.delete(id);
      changed = true;
    }
  }
}

function cursorOf(pageToken: string, tree: DriveTree): string {
  const cursor: DriveCursor = { pageToken, rootId: tree.rootId ?? '', folders: tree.toJSON() };
  return JSON.stringify(cursor);
}

/** A sharing permission as role and who holds it: a person or group by e-mail, a domain, anyone. */
function describePermission(permission: Permission): JsonValue {
  const holder = permission.emailAddress ?? permission.domain ?? permission.displayName;
  return {
    role: permission.role ?? 'reader',
    type: permission.type ?? 'user',
    ...(holder ? { holder } : {}),
  };
}
