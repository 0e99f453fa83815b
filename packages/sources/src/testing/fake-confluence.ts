import { type FakeRequest, type FakeResponse, FakeService } from './fake-service.js';

export interface FakePage {
  id: string;
  spaceKey: string;
  title: string;
  parentId: string | null;
  version: number;
  body: string;
  authorId: string;
  /** Account ids and group names allowed to read, when the page is restricted. */
  readUsers: string[];
  readGroups: string[];
  /** Answered 403, as a page restricted away from the token's account would be. */
  forbidden?: boolean;
}

export interface FakeSpace {
  id: string;
  key: string;
  name: string;
  homepageId: string;
}

/**
 * Confluence on localhost: Cloud's REST API v2 under `/wiki/api/v2` (cursor pagination through
 * `_links.next`, Basic auth) with v1 restrictions under `/wiki/rest/api`, and Data Center's
 * v1 `/rest/api/content` (start/limit pagination, Bearer personal access token).
 */
export class FakeConfluence {
  readonly spaces = new Map<string, FakeSpace>();
  readonly pages = new Map<string, FakePage>();
  /** The most results one listing answer holds, whatever `limit` asks. */
  pageSize = 250;
  #nextId = 1000;

  private constructor(
    readonly service: FakeService,
    readonly credentials: { email: string; token: string },
  ) {}

  static async start(
    credentials: { email: string; token: string } = {
      email: 'bot@acme.example',
      token: 'secret-token',
    },
  ): Promise<FakeConfluence> {
    const holder: { fake?: FakeConfluence } = {};
    const service = await FakeService.start((request) =>
      holder.fake ? holder.fake.#route(request) : { status: 503 },
    );
    const fake = new FakeConfluence(service, credentials);
    holder.fake = fake;
    return fake;
  }

  /** `url` of a Cloud source. */
  get cloudUrl(): string {
    return `${this.service.origin}/wiki`;
  }

  /** `url` of a Data Center source. */
  get dataCenterUrl(): string {
    return this.service.origin;
  }

  addSpace(key: string, name = key): FakeSpace {
    const id = String((this.#nextId += 1));
    const homepageId = String((this.#nextId += 1));
    const space = { id, key, name, homepageId };
    this.spaces.set(key, space);
    this.pages.set(
      homepageId,
      this.#page(homepageId, key, `${name} Home`, null, '<p>Welcome.</p>'),
    );
    return space;
  }

  /** Adds a page under the space's home page (or `parentId`); returns its id. */
  addPage(spaceKey: string, title: string, body: string, parentId?: string): string {
    const space = this.spaces.get(spaceKey);
    if (!space) throw new Error(`no space ${spaceKey}`);
    const id = String((this.#nextId += 1));
    this.pages.set(id, this.#page(id, spaceKey, title, parentId ?? space.homepageId, body));
    return id;
  }

  edit(id: string, changes: Partial<Pick<FakePage, 'title' | 'body'>>): void {
    const page = this.#existing(id);
    Object.assign(page, changes, { version: page.version + 1 });
  }

  /** Moves a page under another parent; Confluence keeps its version number. */
  move(id: string, parentId: string): void {
    this.#existing(id).parentId = parentId;
  }

  remove(id: string): void {
    this.pages.delete(id);
  }

  close(): Promise<void> {
    return this.service.close();
  }

  #page(
    id: string,
    spaceKey: string,
    title: string,
    parentId: string | null,
    body: string,
  ): FakePage {
    return {
      id,
      spaceKey,
      title,
      parentId,
      version: 1,
      body,
      authorId: 'acct-ada',
      readUsers: [],
      readGroups: [],
    };
  }

  #existing(id: string): FakePage {
    const page = this.pages.get(id);
    if (!page) throw new Error(`no page ${id}`);
    return page;
  }

  #route(request: FakeRequest): FakeResponse {
    const cloud = request.path.startsWith('/wiki/');
    const basic = `Basic ${Buffer.from(`${this.credentials.email}:${this.credentials.token}`).toString('base64')}`;
    const expected = cloud ? basic : `Bearer ${this.credentials.token}`;
    if (request.headers.authorization !== expected) {
      return {
        status: 401,
        body: { statusCode: 401, message: 'Unauthorized; scope does not match' },
      };
    }
    const path = request.path;
    let match: RegExpExecArray | null;
    if (path === '/wiki/api/v2/spaces') return this.#cloudSpaces(request);
    if ((match = /^\/wiki\/api\/v2\/spaces\/(\d+)\/pages$/.exec(path)))
      return this.#cloudPages(request, match[1] ?? '');
    if ((match = /^\/wiki\/api\/v2\/pages\/(\d+)$/.exec(path)))
      return this.#cloudPage(request, match[1] ?? '');
    if ((match = /^\/wiki\/rest\/api\/content\/(\d+)\/restriction\/byOperation\/read$/.exec(path)))
      return this.#restrictions(match[1] ?? '');
    if ((match = /^\/rest\/api\/space\/([^/]+)$/.exec(path)))
      return this.#dataCenterSpace(match[1] ?? '');
    if (path === '/rest/api/content') return this.#dataCenterPages(request);
    if ((match = /^\/rest\/api\/content\/(\d+)$/.exec(path)))
      return this.#dataCenterPage(request, match[1] ?? '');
    return { status: 404, body: { message: `no route ${path}` } };
  }

  #cloudSpaces(request: FakeRequest): FakeResponse {
    const keys = (request.query.get('keys') ?? '').split(',').filter(Boolean);
    const results = [...this.spaces.values()]
      .filter((space) => keys.length === 0 || keys.includes(space.key))
      .map((space) => ({
        id: space.id,
        key: space.key,
        name: space.name,
        type: 'global',
        status: 'current',
        homepageId: space.homepageId,
        _links: { webui: `/spaces/${space.key}` },
      }));
    return { body: { results, _links: { base: this.cloudUrl } } };
  }

  #cloudPages(request: FakeRequest, spaceId: string): FakeResponse {
    const space = [...this.spaces.values()].find((candidate) => candidate.id === spaceId);
    if (!space)
      return { status: 404, body: { errors: [{ status: 404, title: 'Space not found' }] } };
    const all = [...this.pages.values()].filter((page) => page.spaceKey === space.key);
    const start = Number(request.query.get('cursor') ?? '0');
    const limit = Math.min(Number(request.query.get('limit') ?? '25'), this.pageSize);
    const withBody = request.query.get('body-format') === 'storage';
    const results = all.slice(start, start + limit).map((page) => this.#cloudJson(page, withBody));
    const next = new URLSearchParams(request.query);
    next.set('cursor', String(start + limit));
    return {
      body: {
        results,
        _links: {
          base: this.cloudUrl,
          ...(start + limit < all.length
            ? { next: `/wiki/api/v2/spaces/${spaceId}/pages?${next}` }
            : {}),
        },
      },
    };
  }

  #cloudPage(request: FakeRequest, id: string): FakeResponse {
    const page = this.pages.get(id);
    if (!page) return { status: 404, body: { errors: [{ status: 404, title: 'Page not found' }] } };
    if (page.forbidden)
      return {
        status: 403,
        body: { errors: [{ status: 403, title: 'Not permitted to view this page' }] },
      };
    return {
      body: {
        ...this.#cloudJson(page, request.query.get('body-format') === 'storage'),
        _links: { webui: this.#cloudWebui(page), base: this.cloudUrl },
      },
    };
  }

  #cloudJson(page: FakePage, withBody: boolean) {
    return {
      id: page.id,
      status: 'current',
      title: page.title,
      spaceId: this.spaces.get(page.spaceKey)?.id,
      parentId: page.parentId,
      parentType: page.parentId ? 'page' : null,
      authorId: page.authorId,
      ownerId: page.authorId,
      createdAt: '2024-01-01T00:00:00.000Z',
      version: {
        number: page.version,
        createdAt: `2024-02-${String(Math.min(page.version, 28)).padStart(2, '0')}T10:00:00.000Z`,
        authorId: page.authorId,
        minorEdit: false,
      },
      ...(withBody ? { body: { storage: { value: page.body, representation: 'storage' } } } : {}),
      _links: {
        webui: this.#cloudWebui(page),
        editui: `/pages/resumedraft.action?draftId=${page.id}`,
        tinyui: `/x/${page.id}`,
      },
    };
  }

  #cloudWebui(page: FakePage): string {
    return `/spaces/${page.spaceKey}/pages/${page.id}/${encodeURIComponent(page.title.replace(/ /g, '+'))}`;
  }

  #restrictions(id: string): FakeResponse {
    const page = this.pages.get(id);
    if (!page) return { status: 404, body: { message: 'No content found' } };
    return {
      body: {
        operation: 'read',
        restrictions: {
          user: {
            results: page.readUsers.map((accountId) => ({ type: 'known', accountId })),
            start: 0,
            limit: 200,
            size: page.readUsers.length,
          },
          group: {
            results: page.readGroups.map((name) => ({ type: 'group', name, id: `g-${name}` })),
            start: 0,
            limit: 200,
            size: page.readGroups.length,
          },
        },
      },
    };
  }

  #dataCenterSpace(key: string): FakeResponse {
    const space = this.spaces.get(key);
    if (!space)
      return { status: 404, body: { statusCode: 404, message: `No space with key : ${key}` } };
    return {
      body: {
        id: Number(space.id),
        key: space.key,
        name: space.name,
        homepage: { id: space.homepageId, type: 'page' },
      },
    };
  }

  #dataCenterPages(request: FakeRequest): FakeResponse {
    const key = request.query.get('spaceKey') ?? '';
    const all = [...this.pages.values()].filter((page) => page.spaceKey === key);
    const start = Number(request.query.get('start') ?? '0');
    const limit = Math.min(Number(request.query.get('limit') ?? '25'), this.pageSize);
    const expand = (request.query.get('expand') ?? '').split(',');
    const results = all
      .slice(start, start + limit)
      .map((page) => this.#dataCenterJson(page, expand));
    const next = new URLSearchParams(request.query);
    next.set('start', String(start + limit));
    return {
      body: {
        results,
        start,
        limit,
        size: results.length,
        _links: {
          base: this.dataCenterUrl,
          context: '',
          self: `${this.dataCenterUrl}/rest/api/content`,
          ...(start + limit < all.length ? { next: `/rest/api/content?${next}` } : {}),
        },
      },
    };
  }

  #dataCenterPage(request: FakeRequest, id: string): FakeResponse {
    const page = this.pages.get(id);
    if (!page)
      return { status: 404, body: { statusCode: 404, message: 'No content found with id' } };
    if (page.forbidden) return { status: 403, body: { statusCode: 403, message: 'Not permitted' } };
    return { body: this.#dataCenterJson(page, (request.query.get('expand') ?? '').split(',')) };
  }

  #dataCenterJson(page: FakePage, expand: string[]) {
    const ancestors: { id: string; title: string }[] = [];
    for (let parent = page.parentId; parent; parent = this.pages.get(parent)?.parentId ?? null) {
      const found = this.pages.get(parent);
      if (!found) break;
      ancestors.unshift({ id: found.id, title: found.title });
    }
    return {
      id: page.id,
      type: 'page',
      status: 'current',
      title: page.title,
      version: {
        number: page.version,
        when: '2024-02-01T10:00:00.000Z',
        by: { username: 'ada', displayName: 'Ada Lovelace' },
      },
      ...(expand.includes('ancestors') ? { ancestors } : {}),
      ...(expand.includes('body.storage')
        ? { body: { storage: { value: page.body, representation: 'storage' } } }
        : {}),
      ...(expand.some((field) => field.startsWith('restrictions.read'))
        ? {
            restrictions: {
              read: {
                operation: 'read',
                restrictions: {
                  user: {
                    results: page.readUsers.map((username) => ({ type: 'known', username })),
                  },
                  group: { results: page.readGroups.map((name) => ({ type: 'group', name })) },
                },
              },
            },
          }
        : {}),
      _links: {
        webui: `/display/${page.spaceKey}/${encodeURIComponent(page.title.replace(/ /g, '+'))}`,
        tinyui: `/x/${page.id}`,
      },
    };
  }
}
