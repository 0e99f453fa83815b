import type {
  ItemContent,
  ListingEnd,
  ListRequest,
  Source,
  SourceChange,
  SourceItem,
} from '@knowhow/rag-core';
import { createHttpClient, type HttpClient, type RetryNotice } from '../http/http-client.js';
import { isSourceError, sourceError } from '../source-error.js';
import { type ConfluenceSettings, confluenceHints } from './confluence-settings.js';
import { ListedPages } from './listed-pages.js';
import type { readRestrictions } from './page-markdown.js';

// The fields of the v1 API's answers that are read (`/rest/api/content`).
interface Listing {
  results: DataCenterPage[];
  _links?: { next?: string; base?: string };
}
interface DataCenterPage {
  id: string;
  title: string;
  version?: { number: number; when?: string; by?: { username?: string; displayName?: string } };
  ancestors?: { id: string; title: string }[];
  body?: { storage?: { value?: string } };
  restrictions?: { read?: { restrictions?: Parameters<typeof readRestrictions>[0] } };
  _links?: { webui?: string };
}

const restrictionFields =
  'restrictions.read.restrictions.user,restrictions.read.restrictions.group';

/**
 * Confluence Data Center (and Server) through the REST API v1 `/rest/api/content`, with a
 * personal access token (Bearer). Pages carry their ancestors, so each is listed as it comes.
 */
export class ConfluenceDataCenter implements Source {
  readonly #settings: ConfluenceSettings;
  readonly #client: HttpClient;
  readonly #listed = new ListedPages();

  constructor(
    settings: ConfluenceSettings,
    options: { onRetry?: (notice: RetryNotice) => void } = {},
  ) {
    this.#settings = settings;
    this.#client = createHttpClient({
      service: 'Confluence',
      baseUrl: `${settings.url}/`,
      headers: () => ({ authorization: `Bearer ${settings.token}`, accept: 'application/json' }),
      hints: confluenceHints,
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    });
  }

  async *list(request: ListRequest): AsyncGenerator<SourceChange, ListingEnd, undefined> {
    const homepages = new Map<string, string | undefined>();
    for (const key of this.#settings.spaces)
      homepages.set(key, await this.#homepage(key, request.signal));
    const withBodies = request.known.size === 0;
    for (const key of this.#settings.spaces) {
      let next: string | undefined = 'rest/api/content';
      let params: Record<string, string | number> | undefined = {
        spaceKey: key,
        type: 'page',
        status: 'current',
        limit: 100,
        expand: `version,ancestors${withBodies ? ',body.storage' : ''}`,
      };
      while (next) {
        const listing: Listing = await this.#client.json<Listing>(next, {
          ...(params ? { searchParams: params } : {}),
          signal: request.signal,
        });
        const base = listing._links?.base ?? this.#settings.url;
        for (const page of listing.results) {
          this.#listed.keepBody(page.id, page.body?.storage?.value);
          yield { type: 'item', item: this.#item(page, key, base, homepages.get(key)) };
        }
        // `next` is relative to the base, which includes any context path (/confluence).
        next = listing._links?.next ? `${base}${listing._links.next}` : undefined;
        params = undefined;
      }
    }
    return { complete: true };
  }

  async fetch(item: SourceItem, signal: AbortSignal): Promise<ItemContent> {
    const stashed = this.#listed.takeBody(item.id);
    const page = await this.#client.json<DataCenterPage>(
      `rest/api/content/${encodeURIComponent(item.id)}`,
      {
        searchParams: {
          expand: stashed === undefined ? `body.storage,${restrictionFields}` : restrictionFields,
        },
        signal,
      },
    );
    return this.#listed.content(
      item,
      stashed ?? page.body?.storage?.value ?? '',
      page.restrictions?.read?.restrictions ?? {},
      page.title,
    );
  }

  /** Checks the space exists; its home page is everyone's ancestor and stays out of titles. */
  async #homepage(key: string, signal: AbortSignal): Promise<string | undefined> {
    try {
      const space = await this.#client.json<{ homepage?: { id?: string } }>(
        `rest/api/space/${encodeURIComponent(key)}`,
        { searchParams: { expand: 'homepage' }, signal },
      );
      return space.homepage?.id;
    } catch (error) {
      if (isSourceError(error, 'not_found')) {
        throw sourceError(
          'not_found',
          `Confluence has no space ${key} that this token can see. Check the space keys in knowhow.yaml and that the token's user may view them`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  #item(
    page: DataCenterPage,
    spaceKey: string,
    base: string,
    homepage: string | undefined,
  ): SourceItem {
    const ancestors = page.ancestors ?? [];
    return this.#listed.add({
      id: page.id,
      title: page.title,
      spaceKey,
      path: [
        ...ancestors
          .filter((ancestor) => ancestor.id !== homepage)
          .map((ancestor) => ancestor.title),
        page.title,
      ],
      ancestors: ancestors.map((ancestor) => ancestor.id),
      versionNumber: page.version?.number ?? 0,
      url: base + (page._links?.webui ?? `/pages/viewpage.action?pageId=${page.id}`),
      modifiedAt: page.version?.when,
      author: page.version?.by?.username ?? page.version?.by?.displayName,
    });
  }
}
