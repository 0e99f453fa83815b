import type {
  ItemContent,
  ListingEnd,
  ListRequest,
  Source,
  SourceChange,
  SourceItem,
} from '@knowhow/rag-core';
import { createHttpClient, type HttpClient, type RetryNotice } from '../http/http-client.js';
import { sourceError } from '../source-error.js';
import { type ConfluenceSettings, confluenceHints } from './confluence-settings.js';
import { ListedPages } from './listed-pages.js';
import type { readRestrictions } from './page-markdown.js';
import { PageTree } from './page-tree.js';

// The fields of the v2 API's answers that are read (`/wiki/api/v2/...`).
interface Listing<T> {
  results: T[];
  _links?: { next?: string; base?: string };
}
interface CloudSpace {
  id: string;
  key: string;
  name: string;
  homepageId?: string | null;
}
interface CloudPage {
  id: string;
  title: string;
  parentId?: string | null;
  authorId?: string;
  ownerId?: string | null;
  version?: { number: number; createdAt?: string; authorId?: string };
  body?: { storage?: { value?: string } };
  _links?: { webui?: string; base?: string };
}
interface Restrictions {
  restrictions?: Parameters<typeof readRestrictions>[0];
}

/**
 * Confluence Cloud through the REST API v2: the listed spaces' current pages, cursor-paginated
 * through `_links.next`, Basic auth with the account e-mail and an API token. Each pass lists
 * every page's version (bodies too on the first pass); only new and changed pages are fetched.
 */
export class ConfluenceCloud implements Source {
  readonly #settings: ConfluenceSettings;
  readonly #client: HttpClient;
  readonly #origin: string;
  readonly #listed = new ListedPages();

  constructor(
    settings: ConfluenceSettings,
    options: { onRetry?: (notice: RetryNotice) => void } = {},
  ) {
    this.#settings = settings;
    this.#origin = new URL(settings.url).origin;
    const basic = Buffer.from(`${settings.email ?? ''}:${settings.token}`).toString('base64');
    this.#client = createHttpClient({
      service: 'Confluence',
      baseUrl: `${settings.url}/`,
      headers: () => ({ authorization: `Basic ${basic}`, accept: 'application/json' }),
      hints: confluenceHints,
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    });
  }

  async *list(request: ListRequest): AsyncGenerator<SourceChange, ListingEnd, undefined> {
    const spaces = await this.#spaces(request.signal);
    // A first pass writes every page: take the bodies with the listing instead of one call each.
    const withBodies = request.known.size === 0;
    for (const space of spaces) {
      const pages: CloudPage[] = [];
      let base = this.#settings.url;
      const params = {
        limit: 250,
        status: 'current',
        ...(withBodies ? { 'body-format': 'storage' } : {}),
      };
      for await (const listing of this.#pages(
        `api/v2/spaces/${space.id}/pages`,
        params,
        request.signal,
      )) {
        base = listing._links?.base ?? base;
        for (const page of listing.results) {
          this.#listed.keepBody(page.id, page.body?.storage?.value);
          pages.push({ ...page, body: {} });
        }
      }
      // Ancestors are named once the whole space is listed: parents may come after children.
      const tree = new PageTree(
        pages.map((page) => ({ id: page.id, title: page.title, parentId: page.parentId ?? null })),
        space.homepageId ?? undefined,
      );
      // Every page of the space is known before the first is fetched: links between them resolve.
      const items = pages.map((page) => this.#item(page, space, tree, base));
      for (const item of items) yield { type: 'item', item };
    }
    return { complete: true };
  }

  async fetch(item: SourceItem, signal: AbortSignal): Promise<ItemContent> {
    let body = this.#listed.takeBody(item.id);
    if (body === undefined) {
      const page = await this.#client.json<CloudPage>(
        `api/v2/pages/${encodeURIComponent(item.id)}`,
        {
          searchParams: { 'body-format': 'storage' },
          signal,
        },
      );
      body = page.body?.storage?.value ?? '';
    }
    const restrictions = await this.#client.json<Restrictions>(
      `rest/api/content/${encodeURIComponent(item.id)}/restriction/byOperation/read`,
      { searchParams: { expand: 'restrictions.user,restrictions.group' }, signal },
    );
    return this.#listed.content(item, body, restrictions.restrictions ?? {});
  }

  async #spaces(signal: AbortSignal): Promise<CloudSpace[]> {
    const found: CloudSpace[] = [];
    const keys = this.#settings.spaces.join(',');
    for await (const listing of this.#pages<CloudSpace>(
      'api/v2/spaces',
      { keys, limit: 250 },
      signal,
    ))
      found.push(...listing.results);
    const missing = this.#settings.spaces.filter(
      (key) => !found.some((space) => space.key === key),
    );
    if (missing.length > 0) {
      throw sourceError(
        'not_found',
        `Confluence has no space ${missing.join(', ')} that this account can see. Check the space keys in knowhow.yaml (the key is in the space's URL: /wiki/spaces/KEY) and that the account may view them`,
      );
    }
    return this.#settings.spaces.map(
      (key) => found.find((space) => space.key === key) as CloudSpace,
    );
  }

  /** Follows `_links.next` (relative to the site) until the listing ends. */
  async *#pages<T = CloudPage>(
    path: string,
    searchParams: Record<string, string | number>,
    signal: AbortSignal,
  ): AsyncGenerator<Listing<T>> {
    let next: string | undefined = path;
    let params: Record<string, string | number> | undefined = searchParams;
    while (next) {
      const listing: Listing<T> = await this.#client.json<Listing<T>>(next, {
        ...(params ? { searchParams: params } : {}),
        signal,
      });
      yield listing;
      next = listing._links?.next ? new URL(listing._links.next, this.#origin).href : undefined;
      params = undefined;
    }
  }

  #item(page: CloudPage, space: CloudSpace, tree: PageTree, base: string): SourceItem {
    return this.#listed.add({
      id: page.id,
      title: page.title,
      spaceKey: space.key,
      path: tree.path(page.id),
      ancestors: tree.ancestors(page.id),
      versionNumber: page.version?.number ?? 0,
      url: base + (page._links?.webui ?? `/spaces/${space.key}/pages/${page.id}`),
      modifiedAt: page.version?.createdAt,
      author: page.ownerId ?? page.authorId ?? page.version?.authorId,
    });
  }
}
