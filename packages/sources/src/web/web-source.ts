import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ItemContent,
  type JsonValue,
  type KnownItem,
  type ListingEnd,
  type ListRequest,
  type Source,
  type SourceChange,
  type SourceItem,
  textContent,
} from '@knowhow/rag-core';
import robotsModule from 'robots-parser';
import { createHttpClient, type HttpClient, type RetryNotice } from '../http/http-client.js';
import { isSourceError } from '../source-error.js';
import { CrawlScope } from './crawl-scope.js';
import { readPage } from './read-page.js';
import { readSitemap } from './sitemap.js';
import { type WebSettings, webHints } from './web-settings.js';
import { webFileFormat } from './web-file-format.js';

/** What is kept per page between passes. */
interface PageState {
  /** The URL requested (the id is the canonical URL, which may differ). */
  readonly requested: string;
  readonly etag?: string;
  readonly lastModified?: string;
  /** Links to follow when the page answers 304 and its body is not read. */
  readonly links: string[];
}

const maxSitemaps = 20;

interface Robots {
  isAllowed(url: string, userAgent?: string): boolean | undefined;
  getCrawlDelay(userAgent?: string): number | undefined;
  getSitemaps(): string[];
}
// robots-parser is CommonJS exporting the function itself; its types describe a default export.
const robotsParser = robotsModule as unknown as (url: string, contents: string) => Robots;

/**
 * A website, crawled from its start URL and sitemap within the start URL's origin and path,
 * respecting robots.txt. Pages are revalidated with their ETag or Last-Modified: a page that
 * answers 304 is not downloaded, and its links from the last pass are followed.
 */
export class WebSource implements Source {
  readonly #settings: WebSettings;
  readonly #client: HttpClient;
  readonly #scope: CrawlScope;
  readonly #contents = new Map<string, ItemContent>();

  constructor(settings: WebSettings, options: { onRetry?: (notice: RetryNotice) => void } = {}) {
    this.#settings = settings;
    this.#scope = new CrawlScope(settings);
    this.#client = createHttpClient({
      service: new URL(settings.url).host,
      baseUrl: settings.url,
      headers: () => settings.headers,
      userAgent: settings.user_agent,
      hints: webHints,
      retries: 3,
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    });
  }

  async *list(request: ListRequest): AsyncGenerator<SourceChange, ListingEnd, undefined> {
    const { signal } = request;
    const robots = await this.#robots(signal);
    const allowed = (url: string) => robots.isAllowed(url, this.#settings.user_agent) !== false;
    const delayMs = Math.min(robots.getCrawlDelay(this.#settings.user_agent) ?? 0, 10) * 1000;
    const byRequested = new Map<string, { id: string; known: KnownItem }>();
    for (const [id, known] of request.known) {
      const requested = (known.state as PageState | null)?.requested;
      byRequested.set(requested ?? id, { id, known });
    }
    const queue: string[] = [];
    const queued = new Set<string>();
    const enqueue = (href: string, base?: string) => {
      const url = this.#scope.admit(href, base);
      if (url && !queued.has(url) && allowed(url)) {
        queued.add(url);
        queue.push(url);
      }
    };
    // The start page itself may be out of its own prefix (`/handbook` for `/handbook/`).
    const start = new URL(this.#settings.url).href;
    queued.add(start);
    queue.push(start);
    for (const url of await this.#sitemapPages(robots.getSitemaps(), signal)) enqueue(url);
    const emitted = new Set<string>();
    let pages = 0;
    while (queue.length > 0 && pages < this.#settings.max_pages) {
      const url = queue.shift() ?? '';
      if (delayMs > 0 && pages > 0) await sleep(delayMs, undefined, { signal });
      const previous = byRequested.get(url);
      const outcome = await this.#visit(url, previous, signal);
      if (outcome.type === 'skip') continue;
      if (outcome.type === 'gone') {
        if (previous) yield { type: 'deleted', id: previous.id };
        continue;
      }
      if (outcome.type === 'failed') {
        pages += 1;
        yield { type: 'failed', id: previous?.id ?? url, url, reason: outcome.reason };
        continue;
      }
      for (const link of outcome.follow) enqueue(link);
      if (!outcome.item || emitted.has(outcome.item.id)) continue;
      pages += 1;
      emitted.add(outcome.item.id);
      yield { type: 'item', item: outcome.item };
    }
    return { complete: true };
  }

  async fetch(item: SourceItem): Promise<ItemContent> {
    const content = this.#contents.get(item.id);
    if (!content) throw new Error(`${item.url} was not read in this pass`);
    this.#contents.delete(item.id);
    return content;
  }

  async #visit(
    url: string,
    previous: { id: string; known: KnownItem } | undefined,
    signal: AbortSignal,
  ): Promise<
    | { type: 'skip' }
    | { type: 'gone' }
    | { type: 'failed'; reason: string }
    | { type: 'page'; item: SourceItem | undefined; follow: readonly string[] }
  > {
    const state = previous?.known.state as PageState | null | undefined;
    const revalidate = previous && !previous.known.failed && previous.known.version !== null;
    const headers: Record<string, string> = {};
    if (revalidate && state?.etag) headers['if-none-match'] = state.etag;
    if (revalidate && state?.lastModified) headers['if-modified-since'] = state.lastModified;
    let response: Response;
    try {
      response = await this.#client.get(url, { headers, signal, accept: [304, 404, 410] });
    } catch (error) {
      if (isSourceError(error, 'forbidden')) return { type: 'skip' };
      if (signal.aborted) throw error;
      return { type: 'failed', reason: error instanceof Error ? error.message : String(error) };
    }
    if (response.status === 404 || response.status === 410) return { type: 'gone' };
    if (response.status === 304 && previous && state) {
      await response.body?.cancel();
      // Unchanged: the item as it was, with the links it had.
      return {
        type: 'page',
        item: {
          id: previous.id,
          version: previous.known.version ?? '',
          title: '',
          url: previous.id,
          path: '',
          state: state as unknown as JsonValue,
        },
        follow: state.links,
      };
    }
    const finalUrl = this.#scope.admit(response.url || url);
    if (!finalUrl) {
      await response.body?.cancel();
      return { type: 'skip' };
    }
    return this.#read(url, finalUrl, response);
  }

  async #read(
    requested: string,
    url: string,
    response: Response,
  ): Promise<{ type: 'page'; item: SourceItem | undefined; follow: readonly string[] }> {
    const bytes = new Uint8Array(await response.arrayBuffer());
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    const modifiedAt =
      lastModified && !Number.isNaN(Date.parse(lastModified))
        ? new Date(lastModified).toISOString()
        : undefined;
    const version = etag ?? lastModified ?? createHash('sha256').update(bytes).digest('hex');
    const mediaType =
      (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const path = new URL(url).pathname;
    if (mediaType !== 'text/html' && mediaType !== 'application/xhtml+xml') {
      // Linked documents (PDF, Word, markdown, text) are indexed like files.
      const format = webFileFormat(mediaType, path);
      if (!format) return { type: 'page', item: undefined, follow: [] };
      this.#contents.set(url, { format, bytes, mediaType });
      const name = decodeURIComponent(path.split('/').at(-1) ?? path);
      return {
        type: 'page',
        item: {
          id: url,
          version,
          title: name,
          url,
          path,
          ...(modifiedAt ? { modifiedAt } : {}),
          state: {
            requested,
            links: [],
            ...(etag ? { etag } : {}),
            ...(lastModified ? { lastModified } : {}),
          },
        },
        follow: [],
      };
    }
    const page = readPage(new TextDecoder().decode(bytes), url);
    const links = page.nofollow ? [] : page.links.flatMap((link) => this.#scope.admit(link) ?? []);
    const canonical = page.canonical ? this.#scope.admit(page.canonical) : undefined;
    const id = canonical ?? url;
    if (page.noindex) return { type: 'page', item: undefined, follow: links };
    const markdown = /^#\s/.test(page.markdown)
      ? page.markdown
      : `# ${page.title}\n\n${page.markdown}`;
    this.#contents.set(id, { ...textContent('markdown', `${markdown}\n`), mediaType: 'text/html' });
    const state: PageState = {
      requested,
      links: [...new Set(links)],
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
    };
    return {
      type: 'page',
      item: {
        id,
        version,
        title: page.title,
        url: id,
        path: new URL(id).pathname,
        ...(modifiedAt ? { modifiedAt } : {}),
        ...(page.author ? { author: page.author } : {}),
        // What a web page's readers are is not knowable from HTTP; record how it was reached.
        permissions: { public: Object.keys(this.#settings.headers).length === 0 },
        state: state as unknown as JsonValue,
      },
      follow: links,
    };
  }

  async #robots(signal: AbortSignal): Promise<Robots> {
    const url = `${this.#scope.origin}/robots.txt`;
    // No robots.txt allows everything; an unreachable site fails the source here, with the fix.
    const response = await this.#client.get(url, { signal, accept: [404, 410, 403, 401] });
    return robotsParser(url, response.ok ? await response.text() : '');
  }

  /** Page URLs from the configured sitemap, else robots.txt's, else /sitemap.xml if there is one. */
  async #sitemapPages(fromRobots: readonly string[], signal: AbortSignal): Promise<string[]> {
    const explicit = this.#settings.sitemap;
    const queue = explicit
      ? [explicit]
      : fromRobots.length > 0
        ? [...fromRobots]
        : [`${this.#scope.origin}/sitemap.xml`];
    const pages: string[] = [];
    for (let read = 0; queue.length > 0 && read < maxSitemaps; read += 1) {
      const url = queue.shift() ?? '';
      let response: Response;
      try {
        response = await this.#client.get(url, { signal, accept: [404, 410, 403] });
      } catch (error) {
        // A broken sitemap the operator named is an error; a guessed one is not.
        if (explicit && !signal.aborted) throw error;
        continue;
      }
      if (!response.ok) {
        if (explicit && url === explicit)
          throw new Error(
            `the sitemap ${url} answered ${response.status}; check sitemap in knowhow.yaml`,
          );
        continue;
      }
      const sitemap = readSitemap(await response.text());
      pages.push(...sitemap.pages);
      queue.push(...sitemap.sitemaps);
    }
    return pages;
  }
}
