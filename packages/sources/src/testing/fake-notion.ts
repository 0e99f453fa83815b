import { type FakeRequest, type FakeResponse, FakeService } from './fake-service.js';

type Parent =
  | { type: 'workspace'; workspace: true }
  | { type: 'page_id'; page_id: string }
  | { type: 'database_id'; database_id: string }
  | { type: 'block_id'; block_id: string };

/** A block to put on a fake page: its type, the type's fields, and nested blocks. */
export interface FakeNotionBlock {
  readonly type: string;
  readonly data?: Record<string, unknown>;
  readonly children?: readonly FakeNotionBlock[];
}

interface StoredBlock {
  id: string;
  type: string;
  data: Record<string, unknown>;
  parent: Parent;
  children: string[];
}
interface Entry {
  object: 'page' | 'database';
  id: string;
  title: string;
  parent: Parent;
  properties: Record<string, unknown>;
  blocks: string[];
  edited: string;
  archived: boolean;
  shared: boolean;
}

/** Rich text of one run, as the API sends it. */
export function notionText(
  content: string,
  annotations: Record<string, boolean> = {},
  link?: string,
): Record<string, unknown> {
  return {
    type: 'text',
    text: { content, link: link ? { url: link } : null },
    annotations: {
      bold: false,
      italic: false,
      strikethrough: false,
      underline: false,
      code: false,
      color: 'default',
      ...annotations,
    },
    plain_text: content,
    href: link ?? null,
  };
}

/** A block of `type` whose rich text is `text`, e.g. `notionBlock('paragraph', 'Hello')`. */
export function notionBlock(
  type: string,
  text: string,
  extra: Record<string, unknown> = {},
  children: readonly FakeNotionBlock[] = [],
): FakeNotionBlock {
  return { type, data: { rich_text: [notionText(text)], ...extra }, children };
}

/**
 * The Notion API on localhost (Notion-Version 2022-06-28): search and database queries
 * paginated by `start_cursor`, block children paginated and nested, block lookup, Bearer
 * secrets, pages visible only when shared with the integration (or below a shared page), and
 * Notion's rate limit: more than `rateLimit.requests` within `rateLimit.perMs` answers 429
 * with Retry-After.
 */
export class FakeNotion {
  readonly token = 'ntn_fake-integration-secret';
  pageSize = 100;
  rateLimit: { requests: number; perMs: number } | undefined;
  readonly #entries = new Map<string, Entry>();
  readonly #blocks = new Map<string, StoredBlock>();
  #clock = Date.parse('2024-03-01T09:00:00.000Z');
  #nextId = 1;
  #recent: number[] = [];
  /** Requests answered 429 by the rate limit. */
  rateLimited = 0;

  private constructor(readonly service: FakeService) {}

  static async start(): Promise<FakeNotion> {
    const holder: { notion?: FakeNotion } = {};
    const service = await FakeService.start((request) =>
      holder.notion ? holder.notion.#route(request) : { status: 503 },
    );
    holder.notion = new FakeNotion(service);
    return holder.notion;
  }

  get origin(): string {
    return this.service.origin;
  }

  /** A page at the workspace's top, under a page or block (`parent`), or a row of a database. */
  addPage(
    title: string,
    blocks: readonly FakeNotionBlock[] = [],
    options: { parent?: string; properties?: Record<string, unknown>; shared?: boolean } = {},
  ): string {
    const id = this.#id();
    const parent = this.#parentOf(options.parent);
    this.#entries.set(id, {
      object: 'page',
      id,
      title,
      parent,
      properties: options.properties ?? {},
      blocks: [],
      edited: this.#tick(),
      archived: false,
      shared: options.shared ?? parent.type === 'workspace',
    });
    this.#setBlocks(id, blocks);
    if (parent.type === 'page_id') this.#appendChild(parent.page_id, id, 'child_page', { title });
    return id;
  }

  /** An inline database on a page. */
  addDatabase(title: string, parent: string): string {
    const id = this.#id();
    this.#entries.set(id, {
      object: 'database',
      id,
      title,
      parent: this.#parentOf(parent),
      properties: {},
      blocks: [],
      edited: this.#tick(),
      archived: false,
      shared: false,
    });
    this.#appendChild(parent, id, 'child_database', { title });
    return id;
  }

  /** A block id of a page's top-level blocks, e.g. a column list pages can live in. */
  blockIds(pageId: string): string[] {
    return [...(this.#entries.get(pageId)?.blocks ?? [])];
  }

  edit(id: string, blocks: readonly FakeNotionBlock[]): void {
    const entry = this.#entry(id);
    this.#setBlocks(id, blocks);
    entry.edited = this.#tick();
  }

  rename(id: string, title: string): void {
    const entry = this.#entry(id);
    entry.title = title;
    entry.edited = this.#tick();
  }

  archive(id: string): void {
    this.#entry(id).archived = true;
  }

  share(id: string, shared = true): void {
    this.#entry(id).shared = shared;
  }

  /** The web link the API reports for a page. */
  urlOf(id: string): string {
    const entry = this.#entry(id);
    const slug = entry.title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
    return `https://www.notion.so/${slug ? `${slug}-` : ''}${id.replace(/-/g, '')}`;
  }

  /** Block-children reads so far (page content downloads). */
  contentReads(): number {
    return this.service.count(/^\/v1\/blocks\/[^/]+\/children$/);
  }

  close(): Promise<void> {
    return this.service.close();
  }

  #id(): string {
    const n = (this.#nextId += 1);
    return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  }

  #tick(): string {
    this.#clock += 60_000;
    return new Date(this.#clock).toISOString();
  }

  #entry(id: string): Entry {
    const entry = this.#entries.get(id);
    if (!entry) throw new Error(`no page ${id}`);
    return entry;
  }

  #parentOf(id: string | undefined): Parent {
    if (!id) return { type: 'workspace', workspace: true };
    const entry = this.#entries.get(id);
    if (entry?.object === 'database') return { type: 'database_id', database_id: id };
    if (entry) return { type: 'page_id', page_id: id };
    if (this.#blocks.has(id)) return { type: 'block_id', block_id: id };
    throw new Error(`no parent ${id}`);
  }

  #setBlocks(pageId: string, blocks: readonly FakeNotionBlock[]): void {
    const entry = this.#entry(pageId);
    // Child pages and databases stay: they are not the page's text.
    const kept = entry.blocks.filter((id) => {
      const type = this.#blocks.get(id)?.type;
      return type === 'child_page' || type === 'child_database';
    });
    entry.blocks = [
      ...blocks.map((block) => this.#store(block, { type: 'page_id', page_id: pageId })),
      ...kept,
    ];
  }

  #store(block: FakeNotionBlock, parent: Parent): string {
    const id = this.#id();
    const stored: StoredBlock = {
      id,
      type: block.type,
      data: block.data ?? {},
      parent,
      children: [],
    };
    this.#blocks.set(id, stored);
    stored.children = (block.children ?? []).map((child) =>
      this.#store(child, { type: 'block_id', block_id: id }),
    );
    return id;
  }

  #appendChild(parentId: string, id: string, type: string, data: Record<string, unknown>): void {
    const parent: Parent = this.#blocks.has(parentId)
      ? { type: 'block_id', block_id: parentId }
      : { type: 'page_id', page_id: parentId };
    this.#blocks.set(id, { id, type, data, parent, children: [] });
    const holder = this.#entries.get(parentId) ?? undefined;
    if (holder) holder.blocks.push(id);
    else this.#blocks.get(parentId)?.children.push(id);
  }

  /** The page or database holding an entry or block, through block parents. */
  #holder(parent: Parent): Entry | undefined {
    for (let current: Parent | undefined = parent; current;) {
      if (current.type === 'page_id') return this.#entries.get(current.page_id);
      if (current.type === 'database_id') return this.#entries.get(current.database_id);
      if (current.type === 'workspace') return undefined;
      current = this.#blocks.get(current.block_id)?.parent;
    }
    return undefined;
  }

  /** Shared with the integration, itself or through a page above, and not archived. */
  #visible(entry: Entry | undefined): boolean {
    let shared = false;
    for (let current = entry; current; current = this.#holder(current.parent)) {
      if (current.archived) return false;
      shared ||= current.shared;
    }
    return shared;
  }

  #route(request: FakeRequest): FakeResponse {
    if (this.rateLimit) {
      const now = Date.now();
      this.#recent = this.#recent.filter((time) => now - time < (this.rateLimit?.perMs ?? 0));
      if (this.#recent.length >= this.rateLimit.requests) {
        this.rateLimited += 1;
        return error(
          429,
          'rate_limited',
          'You have been rate limited. Please try again in a few minutes.',
          {
            'retry-after': '1',
          },
        );
      }
      this.#recent.push(now);
    }
    if (request.headers['notion-version'] !== '2022-06-28')
      return error(400, 'missing_version', 'Notion-Version header failed validation.');
    if (request.headers.authorization !== `Bearer ${this.token}`)
      return error(401, 'unauthorized', 'API token is invalid.');
    const body = request.body ? (JSON.parse(request.body) as Record<string, unknown>) : {};
    if (request.method === 'POST' && request.path === '/v1/search') {
      const found = [...this.#entries.values()].filter((entry) => this.#visible(entry));
      return this.#page(
        found.reverse().map((entry) => this.#json(entry)),
        body.start_cursor,
      );
    }
    let match = /^\/v1\/databases\/([^/]+)\/query$/.exec(request.path);
    if (request.method === 'POST' && match) {
      const database = this.#entries.get(match[1] ?? '');
      if (!database || database.object !== 'database' || !this.#visible(database))
        return notFound(match[1] ?? '');
      const rows = [...this.#entries.values()].filter(
        (entry) =>
          entry.parent.type === 'database_id' &&
          entry.parent.database_id === database.id &&
          this.#visible(entry),
      );
      return this.#page(
        rows.map((entry) => this.#json(entry)),
        body.start_cursor,
      );
    }
    match = /^\/v1\/blocks\/([^/]+)\/children$/.exec(request.path);
    if (request.method === 'GET' && match) {
      const id = match[1] ?? '';
      const entry = this.#entries.get(id);
      const block = this.#blocks.get(id);
      const visible = entry
        ? this.#visible(entry)
        : block
          ? this.#visible(this.#holder(block.parent))
          : false;
      if (!visible) return notFound(id);
      // An archived child page's block goes with it.
      const children = (entry ? entry.blocks : (block?.children ?? [])).filter(
        (child) => !this.#entries.get(child)?.archived,
      );
      const size = Math.min(Number(request.query.get('page_size') ?? 100), this.pageSize);
      return this.#page(
        children.map((child) => this.#blockJson(child)),
        request.query.get('start_cursor') ?? undefined,
        size,
      );
    }
    match = /^\/v1\/blocks\/([^/]+)$/.exec(request.path);
    if (request.method === 'GET' && match) {
      const block = this.#blocks.get(match[1] ?? '');
      if (!block || !this.#visible(this.#holder(block.parent))) return notFound(match[1] ?? '');
      return { body: this.#blockJson(block.id) };
    }
    return error(400, 'invalid_request_url', 'Invalid request URL.');
  }

  #page(results: unknown[], cursor: unknown, size = this.pageSize): FakeResponse {
    const start = typeof cursor === 'string' ? Number(cursor) : 0;
    const slice = results.slice(start, start + size);
    const more = start + size < results.length;
    return {
      body: {
        object: 'list',
        results: slice,
        next_cursor: more ? String(start + size) : null,
        has_more: more,
      },
    };
  }

  #json(entry: Entry): Record<string, unknown> {
    const common = {
      id: entry.id,
      created_time: '2024-01-01T00:00:00.000Z',
      last_edited_time: entry.edited,
      created_by: { object: 'user', id: 'user-ada' },
      last_edited_by: { object: 'user', id: 'user-ada' },
      parent: entry.parent,
      archived: entry.archived,
      in_trash: entry.archived,
      url: this.urlOf(entry.id),
      public_url: null,
    };
    if (entry.object === 'database')
      return { object: 'database', ...common, title: [notionText(entry.title)], properties: {} };
    const titleName = entry.parent.type === 'database_id' ? 'Name' : 'title';
    return {
      object: 'page',
      ...common,
      properties: {
        ...entry.properties,
        [titleName]: { id: 'title', type: 'title', title: [notionText(entry.title)] },
      },
    };
  }

  #blockJson(id: string): Record<string, unknown> {
    const block = this.#blocks.get(id);
    if (!block) throw new Error(`no block ${id}`);
    return {
      object: 'block',
      id,
      parent: block.parent,
      type: block.type,
      has_children: block.children.length > 0,
      archived: false,
      in_trash: false,
      [block.type]: block.data,
    };
  }
}

function error(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): FakeResponse {
  return { status, headers, body: { object: 'error', status, code, message } };
}

function notFound(id: string): FakeResponse {
  return error(
    404,
    'object_not_found',
    `Could not find block with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
  );
}
