import { type FakeRequest, type FakeResponse, FakeService } from './fake-service.js';

interface GraphEntry {
  id: string;
  name: string;
  parentId: string | null;
  folder: boolean;
  content: Uint8Array;
  version: number;
  /** The change number of its last change; deleted entries stay, flagged. */
  changed: number;
  deleted: boolean;
}

/**
 * Microsoft Entra ID's token endpoint and Microsoft Graph on localhost: client-credentials
 * tokens, site and drive lookup, a drive's delta feed (paginated through @odata.nextLink,
 * ending in an @odata.deltaLink whose token is a change number, 410 for an expired one), item
 * content through a redirect, and permissions.
 */
export class FakeGraph {
  readonly entries = new Map<string, GraphEntry>();
  readonly credentials = {
    tenant: 'tenant-1',
    clientId: 'client-1',
    clientSecret: 'client-secret-1',
  };
  readonly site = {
    host: 'acme.sharepoint.com',
    path: '/sites/HR',
    id: 'acme.sharepoint.com,site-guid,web-guid',
  };
  readonly driveId = 'b!drive-1';
  readonly rootId = 'root-1';
  /** Delta answers hold at most this many items. */
  pageSize = 200;
  /** Delta links older than this change number answer 410 resyncRequired. */
  expiredBefore = 0;
  readonly tokens = new Set<string>();
  #sequence = 0;
  #nextId = 1;

  private constructor(readonly service: FakeService) {}

  static async start(): Promise<FakeGraph> {
    const holder: { graph?: FakeGraph } = {};
    const service = await FakeService.start((request) =>
      holder.graph ? holder.graph.#route(request) : { status: 503 },
    );
    const graph = new FakeGraph(service);
    holder.graph = graph;
    graph.entries.set(graph.rootId, {
      id: graph.rootId,
      name: 'root',
      parentId: null,
      folder: true,
      content: new Uint8Array(),
      version: 1,
      changed: 0,
      deleted: false,
    });
    return graph;
  }

  get origin(): string {
    return this.service.origin;
  }

  get sequence(): number {
    return this.#sequence;
  }

  /** Adds a folder under `parentId` (default the root); returns its id. */
  addFolder(name: string, parentId = this.rootId): string {
    return this.#add(name, parentId, true, new Uint8Array());
  }

  addFile(name: string, content: Uint8Array | string, parentId = this.rootId): string {
    return this.#add(
      name,
      parentId,
      false,
      typeof content === 'string' ? new TextEncoder().encode(content) : content,
    );
  }

  update(
    id: string,
    changes: { content?: Uint8Array | string; name?: string; parentId?: string },
  ): void {
    const entry = this.#existing(id);
    if (changes.content !== undefined)
      entry.content =
        typeof changes.content === 'string'
          ? new TextEncoder().encode(changes.content)
          : changes.content;
    if (changes.name !== undefined) entry.name = changes.name;
    if (changes.parentId !== undefined) entry.parentId = changes.parentId;
    entry.version += 1;
    entry.changed = this.#sequence += 1;
  }

  remove(id: string): void {
    const entry = this.#existing(id);
    entry.deleted = true;
    entry.changed = this.#sequence += 1;
  }

  close(): Promise<void> {
    return this.service.close();
  }

  #add(name: string, parentId: string, folder: boolean, content: Uint8Array): string {
    const id = `item-${(this.#nextId += 1)}`;
    this.entries.set(id, {
      id,
      name,
      parentId,
      folder,
      content,
      version: 1,
      changed: (this.#sequence += 1),
      deleted: false,
    });
    return id;
  }

  #existing(id: string): GraphEntry {
    const entry = this.entries.get(id);
    if (!entry || entry.deleted) throw new Error(`no item ${id}`);
    return entry;
  }

  #route(request: FakeRequest): FakeResponse | Promise<FakeResponse> {
    const { path } = request;
    if (request.method === 'POST' && path === `/${this.credentials.tenant}/oauth2/v2.0/token`)
      return this.#token(request);
    if (request.method === 'POST' && /\/oauth2\/v2\.0\/token$/.test(path)) {
      return {
        status: 400,
        body: { error: 'invalid_request', error_description: 'AADSTS90002: Tenant not found.' },
      };
    }
    let match = /^\/download\/([^/]+)$/.exec(path);
    if (match)
      return {
        body: this.entries.get(match[1] ?? '')?.content ?? new Uint8Array(),
        headers: { 'content-type': 'application/octet-stream' },
      };
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token || !this.tokens.has(token)) {
      return {
        status: 401,
        body: { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } },
      };
    }
    if (path === `/v1.0/sites/${this.site.host}:${this.site.path}`)
      return {
        body: {
          id: this.site.id,
          name: 'HR',
          displayName: 'Human Resources',
          webUrl: `https://${this.site.host}${this.site.path}`,
        },
      };
    if (path.startsWith('/v1.0/sites/') && path.includes(':'))
      return {
        status: 404,
        body: { error: { code: 'itemNotFound', message: 'Requested site could not be found' } },
      };
    if (path === `/v1.0/sites/${this.site.id}/drive`)
      return { body: { id: this.driveId, name: 'Documents', driveType: 'documentLibrary' } };
    if (path === `/v1.0/sites/${this.site.id}/drives`)
      return { body: { value: [{ id: this.driveId, name: 'Documents' }] } };
    if (path === `/v1.0/drives/${this.driveId}/root/delta`) return this.#delta(request);
    match = new RegExp(
      `^/v1\\.0/drives/${escape(this.driveId)}/items/([^/]+)(/content|/permissions)?$`,
    ).exec(path);
    if (match) {
      const entry = this.entries.get(match[1] ?? '');
      if (!entry || entry.deleted)
        return {
          status: 404,
          body: { error: { code: 'itemNotFound', message: 'The resource could not be found.' } },
        };
      if (match[2] === '/content')
        return { status: 302, headers: { location: `${this.origin}/download/${entry.id}` } };
      if (match[2] === '/permissions') {
        return {
          body: {
            value: [
              {
                id: 'p1',
                roles: ['read'],
                grantedToV2: { siteGroup: { displayName: 'HR Visitors', id: '5' } },
                inheritedFrom: {},
              },
              {
                id: 'p2',
                roles: ['write'],
                grantedToV2: {
                  user: { displayName: 'Ada Lovelace', email: 'ada@acme.example', id: 'u1' },
                },
              },
            ],
          },
        };
      }
      return { body: this.#json(entry) };
    }
    return { status: 404, body: { error: { code: 'itemNotFound', message: `no route ${path}` } } };
  }

  #token(request: FakeRequest): FakeResponse {
    const form = new URLSearchParams(request.body);
    if (
      form.get('grant_type') !== 'client_credentials' ||
      !form.get('scope')?.endsWith('/.default')
    ) {
      return {
        status: 400,
        body: {
          error: 'invalid_request',
          error_description: 'AADSTS900144: The request body must contain grant_type and scope.',
        },
      };
    }
    if (
      form.get('client_id') !== this.credentials.clientId ||
      form.get('client_secret') !== this.credentials.clientSecret
    ) {
      return {
        status: 401,
        body: {
          error: 'invalid_client',
          error_description:
            'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.',
        },
      };
    }
    const token = `token-${this.tokens.size + 1}`;
    this.tokens.add(token);
    return {
      body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token },
    };
  }

  #delta(request: FakeRequest): FakeResponse {
    const token = request.query.get('token');
    const since = token === null ? undefined : Number(token);
    if (since !== undefined && since < this.expiredBefore) {
      return {
        status: 410,
        body: {
          error: {
            code: 'resyncRequired',
            message: 'Resync required. Replace any local items with the server version.',
          },
        },
      };
    }
    const all = [...this.entries.values()]
      .filter((entry) =>
        since === undefined ? !entry.deleted : entry.changed > since || entry.id === this.rootId,
      )
      .sort((a, b) => a.changed - b.changed);
    const start = Number(request.query.get('page') ?? '0');
    const slice = all.slice(start, start + this.pageSize);
    const base = `${this.origin}/v1.0/drives/${this.driveId}/root/delta`;
    const end = start + this.pageSize >= all.length;
    const upTo = request.query.get('upTo') ?? String(this.#sequence);
    return {
      body: {
        '@odata.context': `${this.origin}/v1.0/$metadata#Collection(driveItem)`,
        value: slice.map((entry) => this.#json(entry)),
        ...(end
          ? { '@odata.deltaLink': `${base}?token=${upTo}` }
          : {
              '@odata.nextLink': `${base}?${new URLSearchParams({ ...(token === null ? {} : { token }), page: String(start + this.pageSize), upTo })}`,
            }),
      },
    };
  }

  #json(entry: GraphEntry) {
    const path = this.#path(entry);
    return {
      id: entry.id,
      name: entry.name,
      eTag: `"{${entry.id}},${entry.version}"`,
      cTag: `"c:{${entry.id}},${entry.version}"`,
      lastModifiedDateTime: `2024-04-${String(Math.min(entry.version, 28)).padStart(2, '0')}T09:00:00Z`,
      webUrl: `https://${this.site.host}${this.site.path}/Shared%20Documents/${path.split('/').map(encodeURIComponent).join('/')}`,
      parentReference: entry.parentId
        ? { driveId: this.driveId, driveType: 'documentLibrary', id: entry.parentId }
        : { driveId: this.driveId },
      ...(entry.id === this.rootId ? { root: {} } : {}),
      ...(entry.deleted
        ? { deleted: { state: 'deleted' } }
        : entry.folder
          ? { folder: { childCount: 0 } }
          : { file: { mimeType: 'application/octet-stream' }, size: entry.content.byteLength }),
      lastModifiedBy: { user: { displayName: 'Ada Lovelace', email: 'ada@acme.example' } },
    };
  }

  #path(entry: GraphEntry): string {
    const names: string[] = [];
    for (
      let current: GraphEntry | undefined = entry;
      current && current.id !== this.rootId;
      current = this.entries.get(current.parentId ?? '')
    )
      names.unshift(current.name);
    return names.join('/');
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
