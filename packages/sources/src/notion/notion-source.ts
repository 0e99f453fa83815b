import { createHash } from 'node:crypto';
import type {
  ItemContent,
  ListingEnd,
  ListRequest,
  Source,
  SourceChange,
  SourceItem,
} from '@knowhow/rag-core';
import { textContent } from '@knowhow/rag-core';
import type { HttpClient, RetryNotice } from '../http/http-client.js';
import { isSourceError, sourceError } from '../source-error.js';
import { blocksToMarkdown, type NotionBlock } from './blocks-to-markdown.js';
import { createNotionClient } from './notion-client.js';
import type { NotionSettings } from './notion-settings.js';
import { pageTitle, propertiesToMarkdown, type PropertyValue } from './page-properties.js';
import { plainText, type RichText } from './rich-text.js';

interface Parent {
  type: string;
  page_id?: string;
  database_id?: string;
  block_id?: string;
}
interface NotionObject {
  object: 'page' | 'database';
  id: string;
  url?: string;
  public_url?: string | null;
  archived?: boolean;
  in_trash?: boolean;
  last_edited_time?: string;
  created_by?: { id?: string };
  parent?: Parent;
  properties?: Record<string, PropertyValue>;
  title?: RichText[];
}
interface ListAnswer<T> {
  results: T[];
  has_more?: boolean;
  next_cursor?: string | null;
}

/** Deeper nesting than this is not read (Notion allows more; pages that deep are rare). */
const maxDepth = 12;
/** Notion rounds `last_edited_time` to the minute: an edit this recent is read again next pass. */
const settleMs = 2 * 60_000;

/**
 * Notion through its API: every pass lists the pages shared with the integration (search,
 * cursor-paginated, and the rows of the databases named), and reads the blocks of pages whose
 * `last_edited_time` or place changed. Pages no longer listed (archived, unshared) are removed.
 */
export class NotionSource implements Source {
  readonly #settings: NotionSettings;
  readonly #client: HttpClient;
  /** Pages and databases of the current listing, by id. */
  #objects = new Map<string, NotionObject>();

  constructor(settings: NotionSettings, options: { onRetry?: (notice: RetryNotice) => void } = {}) {
    this.#settings = settings;
    this.#client = createNotionClient(settings, options);
  }

  async *list(request: ListRequest): AsyncGenerator<SourceChange, ListingEnd, undefined> {
    const { signal } = request;
    const objects = new Map<string, NotionObject>();
    for await (const found of this.#paginate('search', { page_size: 100 }, signal))
      objects.set(found.id, found);
    for (const database of this.#settings.databases) {
      for await (const row of this.#paginate(
        `databases/${database}/query`,
        { page_size: 100 },
        signal,
        `the database ${database}`,
      ))
        objects.set(row.id, row);
    }
    for (const [id, found] of objects) if (found.archived || found.in_trash) objects.delete(id);
    this.#objects = objects;
    for (const root of this.#settings.root_pages) {
      if (!objects.has(root))
        throw sourceError(
          'not_found',
          `Notion: the root page ${root} is not shared with the integration (or was deleted). Share it (page ⋯ → Connections → your integration) or fix root_pages in knowhow.yaml`,
        );
    }
    const roots = new Set([...this.#settings.root_pages, ...this.#settings.databases]);
    const blockParents = new Map<string, string | null>();
    const started = Date.now();
    for (const page of objects.values()) {
      if (page.object !== 'page') continue;
      const ancestors = await this.#ancestors(page, blockParents, signal);
      if (roots.size > 0 && !roots.has(page.id) && !ancestors.some((id) => roots.has(id))) continue;
      yield { type: 'item', item: this.#item(page, ancestors, started) };
    }
    return { complete: true };
  }

  async fetch(item: SourceItem, signal: AbortSignal): Promise<ItemContent> {
    const page = this.#objects.get(item.id);
    const blocks = await this.#children(item.id, 0, signal);
    const properties =
      page?.parent?.type === 'database_id' ? propertiesToMarkdown(page.properties) : '';
    const body = blocksToMarkdown(blocks, (id) => this.#link(id));
    const markdown = [`# ${item.title}`, properties, body].filter(Boolean).join('\n\n');
    return { ...textContent('markdown', `${markdown}\n`), mediaType: 'text/markdown' };
  }

  #item(page: NotionObject, ancestors: readonly string[], now: number): SourceItem {
    const title = pageTitle(page.properties) || 'Untitled';
    const titles = [...ancestors.map((id) => this.#titleOf(id)), title];
    const edited = page.last_edited_time ?? '';
    const place = createHash('sha256').update(titles.join('\n')).digest('base64url').slice(0, 12);
    const settling = now - Date.parse(edited) < settleMs ? `:settling-${now}` : '';
    return {
      id: page.id,
      version: `${edited}:${place}${settling}`,
      title,
      url: page.url ?? this.#link(page.id),
      path: titles.map((name) => name.replace(/\//g, '∕')).join('/'),
      ...(edited ? { modifiedAt: edited } : {}),
      ...(page.created_by?.id ? { author: page.created_by.id } : {}),
      // Notion's API does not say who a page is shared with; what it says is kept.
      permissions: {
        parent: page.parent?.type ?? 'unknown',
        ancestors: [...ancestors],
        public: Boolean(page.public_url),
      },
    };
  }

  #titleOf(id: string): string {
    const found = this.#objects.get(id);
    if (!found) return 'Untitled';
    const title =
      found.object === 'database' ? plainText(found.title) : pageTitle(found.properties);
    return title.trim() || 'Untitled';
  }

  #link(id: string): string {
    return this.#objects.get(id)?.url ?? `https://www.notion.so/${id.replace(/-/g, '')}`;
  }

  /** Pages and databases above this one, top first, as far as the integration can see. */
  async #ancestors(
    page: NotionObject,
    blockParents: Map<string, string | null>,
    signal: AbortSignal,
  ): Promise<string[]> {
    const ids: string[] = [];
    const seen = new Set([page.id]);
    let parent = await this.#parentId(page.parent, blockParents, signal);
    while (parent && !seen.has(parent) && this.#objects.has(parent)) {
      seen.add(parent);
      ids.unshift(parent);
      parent = await this.#parentId(this.#objects.get(parent)?.parent, blockParents, signal);
    }
    return ids;
  }

  /** The page or database a parent names; a block parent (a column, a toggle) is looked up. */
  async #parentId(
    parent: Parent | undefined,
    blockParents: Map<string, string | null>,
    signal: AbortSignal,
  ): Promise<string | null> {
    if (!parent) return null;
    if (parent.page_id) return parent.page_id;
    if (parent.database_id) return parent.database_id;
    const blockId = parent.block_id;
    if (!blockId) return null;
    if (blockParents.has(blockId)) return blockParents.get(blockId) ?? null;
    blockParents.set(blockId, null);
    const block = await this.#client
      .json<{ parent?: Parent }>(`blocks/${blockId}`, { signal })
      .catch((error: unknown) => {
        if (isSourceError(error, 'not_found')) return undefined;
        throw error;
      });
    const found = await this.#parentId(block?.parent, blockParents, signal);
    blockParents.set(blockId, found);
    return found;
  }

  /** A block's children, and theirs, in order; child pages are their own items. */
  async #children(id: string, depth: number, signal: AbortSignal): Promise<NotionBlock[]> {
    const blocks: NotionBlock[] = [];
    let cursor: string | undefined;
    do {
      const answer: ListAnswer<NotionBlock> = await this.#client.json<ListAnswer<NotionBlock>>(
        `blocks/${id}/children`,
        { searchParams: { page_size: 100, start_cursor: cursor }, signal },
      );
      blocks.push(...answer.results);
      cursor = answer.has_more ? (answer.next_cursor ?? undefined) : undefined;
    } while (cursor);
    const withChildren: NotionBlock[] = [];
    for (const block of blocks) {
      const own = block.has_children && depth < maxDepth;
      const separate = block.type === 'child_page' || block.type === 'child_database';
      withChildren.push(
        own && !separate
          ? { ...block, children: await this.#children(block.id, depth + 1, signal) }
          : block,
      );
    }
    return withChildren;
  }

  /** POSTs a paginated query (`search`, a database's `query`) and follows `next_cursor`. */
  async *#paginate(
    path: string,
    body: Record<string, unknown>,
    signal: AbortSignal,
    what?: string,
  ): AsyncGenerator<NotionObject> {
    let cursor: string | undefined;
    do {
      const answer: ListAnswer<NotionObject> = await this.#client
        .postJson<ListAnswer<NotionObject>>(
          path,
          { ...body, ...(cursor ? { start_cursor: cursor } : {}) },
          { signal },
        )
        .catch((error: unknown) => {
          if (what && isSourceError(error, 'not_found')) {
            throw sourceError(
              'not_found',
              `Notion: ${what} is not shared with the integration (or does not exist). Share it (database ⋯ → Connections → your integration) or fix databases in knowhow.yaml`,
              { status: 404 },
            );
          }
          throw error;
        });
      yield* answer.results;
      cursor = answer.has_more ? (answer.next_cursor ?? undefined) : undefined;
    } while (cursor);
  }
}
