import { createHash } from 'node:crypto';
import {
  fileFormatOf,
  type ItemContent,
  type JsonValue,
  type ListingEnd,
  type ListRequest,
  type Source,
  type SourceChange,
  type SourceItem,
} from '@knowhow/rag-core';
import type { HttpClient, RetryNotice } from '../http/http-client.js';
import { isSourceError, sourceError, statusOf } from '../source-error.js';
import { DriveTree, type FolderRecord } from './drive-tree.js';
import { createGraphClient } from './graph-client.js';
import type { SharepointSettings } from './sharepoint-settings.js';
import { parseCursor } from '../parse-cursor.js';

// The fields of a driveItem that are read.
interface DriveItem {
  id: string;
  name?: string;
  eTag?: string;
  cTag?: string;
  webUrl?: string;
  lastModifiedDateTime?: string;
  file?: { mimeType?: string };
  folder?: unknown;
  root?: unknown;
  deleted?: unknown;
  parentReference?: { id?: string; driveId?: string };
  lastModifiedBy?: { user?: { displayName?: string; email?: string } };
  createdBy?: { user?: { displayName?: string; email?: string } };
}
interface DeltaPage {
  value: DriveItem[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}
interface Permission {
  roles?: string[];
  grantedToV2?: Identities;
  grantedToIdentitiesV2?: Identities[];
  link?: { scope?: string; type?: string };
}
interface Identities {
  user?: { displayName?: string; email?: string; id?: string };
  group?: { displayName?: string; email?: string; id?: string };
  siteGroup?: { displayName?: string; id?: string };
}

/** The cursor: the delta link and the drive's folders (delta items carry no path). */
interface DriveCursor {
  driveId: string;
  deltaLink: string;
  rootId: string | undefined;
  folders: Record<string, FolderRecord>;
}

/** What is kept per file: where it sat, so a renamed folder can be noticed. */
interface FileState {
  parentId: string | null;
  name: string;
  path: string;
  [key: string]: JsonValue;
}

const select =
  'id,name,eTag,cTag,webUrl,lastModifiedDateTime,file,folder,root,deleted,parentReference,lastModifiedBy,createdBy';

/**
 * A SharePoint document library or OneDrive through Microsoft Graph: the drive's delta feed,
 * whose delta link is the cursor. Files are tracked by id; paths come from the folders the
 * feed reported, kept with the cursor.
 */
export class SharepointSource implements Source {
  readonly #settings: SharepointSettings;
  readonly #graph: HttpClient;
  #driveId: string | undefined;

  constructor(
    settings: SharepointSettings,
    options: { onRetry?: (notice: RetryNotice) => void } = {},
  ) {
    this.#settings = settings;
    this.#graph = createGraphClient(settings, options);
  }

  async *list(request: ListRequest): AsyncGenerator<SourceChange, ListingEnd, undefined> {
    const { signal } = request;
    const driveId = await this.#drive(signal);
    let cursor = parseCursor<DriveCursor>(request.cursor, 'deltaLink');
    if (cursor && cursor.driveId !== driveId) cursor = undefined;
    let tree = new DriveTree(cursor?.folders, cursor?.rootId);
    let changes: DriveItem[];
    let deltaLink: string;
    let complete = !cursor;
    try {
      ({ changes, deltaLink } = await this.#delta(
        cursor?.deltaLink ?? `drives/${encodeURIComponent(driveId)}/root/delta`,
        signal,
      ));
    } catch (error) {
      // An expired delta link (410 resyncRequired): enumerate the drive again.
      if (!(cursor && isSourceError(error) && statusOf(error) === 410)) throw error;
      tree = new DriveTree();
      complete = true;
      ({ changes, deltaLink } = await this.#delta(
        `drives/${encodeURIComponent(driveId)}/root/delta`,
        signal,
      ));
    }
    // Folders first, so every file's path is known whatever order the feed used.
    for (const item of changes) {
      if (item.root !== undefined) tree = new DriveTree(tree.toJSON(), item.id);
      else if (
        item.folder !== undefined ||
        (item.deleted !== undefined && tree.folders.has(item.id))
      ) {
        if (item.deleted !== undefined) tree.folders.delete(item.id);
        else
          tree.folders.set(item.id, {
            name: item.name ?? '',
            parentId: item.parentReference?.id ?? null,
          });
      }
    }
    const listed = new Set<string>();
    for (const item of changes) {
      if (item.folder !== undefined || item.root !== undefined) continue;
      listed.add(item.id);
      if (item.deleted !== undefined) {
        yield { type: 'deleted', id: item.id };
        continue;
      }
      const change = this.#change(item, tree);
      if (change) yield change;
      else if (request.known.has(item.id)) yield { type: 'deleted', id: item.id };
    }
    if (!complete) {
      // Files the feed did not name again: under a renamed, moved or deleted folder, or failed last time.
      for (const [id, known] of request.known) {
        if (listed.has(id)) continue;
        const state = known.state as FileState | null;
        const path = state ? this.#pathOf(tree, state.parentId, state.name) : undefined;
        if (state && path === state.path && !known.failed) continue;
        const fresh = await this.#item(driveId, id, signal);
        const change = fresh && !fresh.deleted ? this.#change(fresh, tree) : undefined;
        yield change ?? { type: 'deleted', id };
      }
    }
    const next: DriveCursor = { driveId, deltaLink, rootId: tree.rootId, folders: tree.toJSON() };
    return { cursor: JSON.stringify(next), complete };
  }

  async fetch(item: SourceItem, signal: AbortSignal): Promise<ItemContent> {
    const driveId = await this.#drive(signal);
    const itemPath = `drives/${encodeURIComponent(driveId)}/items/${encodeURIComponent(item.id)}`;
    const format = fileFormatOf(item.path);
    if (!format) throw sourceError('unsupported', `${item.path} is not a format Knowhow reads`);
    const response = await this.#graph.get(`${itemPath}/content`, { signal });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const permissions = await this.#graph.json<{ value: Permission[] }>(`${itemPath}/permissions`, {
      signal,
    });
    return {
      format: format.format,
      mediaType: format.mediaType,
      bytes,
      permissions: permissions.value.map(describePermission),
    };
  }

  async #drive(signal: AbortSignal): Promise<string> {
    if (this.#driveId) return this.#driveId;
    const settings = this.#settings;
    if (settings.drive_id) return (this.#driveId = settings.drive_id);
    const [host = '', path] = (settings.site ?? '').split(':');
    const site = await this.#graph
      .json<{ id: string }>(path ? `sites/${host}:${path}` : `sites/${host}`, { signal })
      .catch((error: unknown) => {
        if (isSourceError(error, 'not_found')) {
          throw sourceError(
            'not_found',
            `Microsoft Graph has no site ${settings.site}. Check site in knowhow.yaml: the host and the site's path, as in acme.sharepoint.com:/sites/HR`,
            { cause: error },
          );
        }
        throw error;
      });
    const siteId = encodeURIComponent(site.id);
    if (!settings.library) {
      const drive = await this.#graph.json<{ id: string }>(`sites/${siteId}/drive`, { signal });
      return (this.#driveId = drive.id);
    }
    const drives = await this.#graph.json<{ value: { id: string; name: string }[] }>(
      `sites/${siteId}/drives`,
      { signal },
    );
    const drive = drives.value.find((candidate) => candidate.name === settings.library);
    if (!drive) {
      const names = drives.value.map((candidate) => candidate.name).join(', ');
      throw sourceError(
        'not_found',
        `the site ${settings.site} has no library "${settings.library}" (it has: ${names}). Check library in knowhow.yaml`,
      );
    }
    return (this.#driveId = drive.id);
  }

  async #delta(
    first: string,
    signal: AbortSignal,
  ): Promise<{ changes: DriveItem[]; deltaLink: string }> {
    const changes: DriveItem[] = [];
    let next: string | undefined = first;
    let params: Record<string, string> | undefined =
      first.includes('/root/delta') && !first.startsWith('http') ? { $select: select } : undefined;
    for (;;) {
      const page: DeltaPage = await this.#graph.json<DeltaPage>(next, {
        ...(params ? { searchParams: params } : {}),
        signal,
      });
      changes.push(...page.value);
      params = undefined;
      if (page['@odata.nextLink']) next = page['@odata.nextLink'];
      else if (page['@odata.deltaLink']) return { changes, deltaLink: page['@odata.deltaLink'] };
      else
        throw sourceError(
          'bad_response',
          'Microsoft Graph ended a delta listing without a deltaLink',
        );
    }
  }

  async #item(driveId: string, id: string, signal: AbortSignal): Promise<DriveItem | undefined> {
    try {
      return await this.#graph.json<DriveItem>(
        `drives/${encodeURIComponent(driveId)}/items/${encodeURIComponent(id)}`,
        { searchParams: { $select: select }, signal },
      );
    } catch (error) {
      if (isSourceError(error, 'not_found')) return undefined;
      throw error;
    }
  }

  #pathOf(tree: DriveTree, parentId: string | null, name: string): string | undefined {
    const folder = tree.folderPath(parentId);
    return folder === undefined ? undefined : folder ? `${folder}/${name}` : name;
  }

  /** A file in scope as an item; undefined for files outside the folder or of other formats. */
  #change(item: DriveItem, tree: DriveTree): SourceChange | undefined {
    const name = item.name ?? item.id;
    const parentId = item.parentReference?.id ?? null;
    const path = this.#pathOf(tree, parentId, name);
    if (path === undefined || !fileFormatOf(name)) return undefined;
    const folder = this.#settings.folder;
    if (folder && !path.startsWith(`${folder}/`)) return undefined;
    const person = item.lastModifiedBy?.user ?? item.createdBy?.user;
    const author = person?.email ?? person?.displayName;
    const pathHash = createHash('sha256').update(path).digest('base64url').slice(0, 12);
    const state: FileState = { parentId, name, path };
    return {
      type: 'item',
      item: {
        id: item.id,
        version: `${item.cTag ?? item.eTag ?? item.lastModifiedDateTime ?? ''}:${pathHash}`,
        title:
          name
            .replace(/\.[^.]+$/, '')
            .replace(/[_-]+/g, ' ')
            .trim() || name,
        url: item.webUrl ?? '',
        path,
        ...(item.lastModifiedDateTime ? { modifiedAt: item.lastModifiedDateTime } : {}),
        ...(author ? { author } : {}),
        state,
      },
    };
  }
}

/** A sharing permission as roles and who holds them (people, groups, a link's scope). */
function describePermission(permission: Permission): JsonValue {
  const holders = [permission.grantedToV2, ...(permission.grantedToIdentitiesV2 ?? [])].filter(
    (holder): holder is Identities => holder !== undefined,
  );
  const names = (kind: keyof Identities) =>
    holders.flatMap((holder) => {
      const identity: { email?: string; displayName?: string; id?: string } | undefined =
        holder[kind];
      const name = identity?.email ?? identity?.displayName ?? identity?.id;
      return name ? [name] : [];
    });
  return {
    roles: permission.roles ?? [],
    users: names('user'),
    groups: [...names('group'), ...names('siteGroup')],
    ...(permission.link?.scope ? { link: permission.link.scope } : {}),
  };
}
