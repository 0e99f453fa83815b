import { createHash } from 'node:crypto';
import { type FakeRequest, type FakeResponse, FakeService } from './fake-service.js';

export interface FakeWebPage {
  body: string | Uint8Array;
  contentType: string;
  /** Answer this status instead (500 for a broken page, 410 for a removed one). */
  status?: number;
  /** Send no ETag, only Last-Modified. */
  noEtag?: boolean;
  lastModified: string;
}

/**
 * A website on localhost: pages by path with ETag and Last-Modified, answering 304 to
 * conditional requests, with robots.txt and a sitemap when set. Counts full downloads.
 */
export class FakeWebsite {
  readonly pages = new Map<string, FakeWebPage>();
  robots: string | undefined;
  /** Served at /sitemap.xml when set. */
  sitemap: string[] | undefined;
  #clock = Date.parse('2024-03-01T10:00:00Z');

  private constructor(readonly service: FakeService) {}

  static async start(): Promise<FakeWebsite> {
    const holder: { site?: FakeWebsite } = {};
    const service = await FakeService.start((request) =>
      holder.site ? holder.site.#route(request) : { status: 503 },
    );
    const site = new FakeWebsite(service);
    holder.site = site;
    return site;
  }

  get origin(): string {
    return this.service.origin;
  }

  /** An HTML page with a nav and footer around its main content. */
  page(
    path: string,
    title: string,
    main: string,
    options: { links?: string[]; canonical?: string; head?: string } = {},
  ): void {
    const links = (options.links ?? [])
      .map((href) => `<li><a href="${href}">${href}</a></li>`)
      .join('');
    const html = `<!doctype html><html><head><title>${title}</title>${options.canonical ? `<link rel="canonical" href="${options.canonical}">` : ''}${options.head ?? ''}</head>
<body><nav><ul><li><a href="/handbook/">Home</a></li>${links}</ul><p>Site navigation menu</p></nav>
<main><article><h1>${title}</h1>${main}</article></main>
<footer><p>Copyright Acme footer boilerplate</p></footer></body></html>`;
    this.put(path, html, 'text/html; charset=utf-8');
  }

  put(path: string, body: string | Uint8Array, contentType: string): void {
    this.#clock += 60_000;
    this.pages.set(path, { body, contentType, lastModified: new Date(this.#clock).toUTCString() });
  }

  /** Full (non-304) answers for a path. */
  downloads(path: string): number {
    return this.service.requests.filter(
      (request) => request.path === path && request.status === 200,
    ).length;
  }

  close(): Promise<void> {
    return this.service.close();
  }

  #route(request: FakeRequest): FakeResponse {
    if (request.path === '/robots.txt') {
      return this.robots === undefined
        ? { status: 404 }
        : { body: this.robots, headers: { 'content-type': 'text/plain' } };
    }
    if (request.path === '/sitemap.xml' && this.sitemap) {
      const urls = this.sitemap
        .map((path) => `<url><loc>${this.origin}${path}</loc></url>`)
        .join('');
      return {
        body: `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`,
        headers: { 'content-type': 'application/xml' },
      };
    }
    const page = this.pages.get(request.path);
    if (!page) return { status: 404, body: 'Not found', headers: { 'content-type': 'text/plain' } };
    if (page.status)
      return {
        status: page.status,
        body: 'Server error',
        headers: { 'content-type': 'text/plain' },
      };
    const etag = `"${createHash('sha1').update(page.body).digest('hex').slice(0, 16)}"`;
    const validators: Record<string, string> = {
      'last-modified': page.lastModified,
      ...(page.noEtag ? {} : { etag }),
    };
    const ifNoneMatch = request.headers['if-none-match'];
    const ifModifiedSince = request.headers['if-modified-since'];
    const fresh =
      ifNoneMatch !== undefined
        ? !page.noEtag && ifNoneMatch === etag
        : ifModifiedSince !== undefined &&
          Date.parse(ifModifiedSince) >= Date.parse(page.lastModified);
    if (fresh) return { status: 304, headers: validators };
    return { body: page.body, headers: { 'content-type': page.contentType, ...validators } };
  }
}
