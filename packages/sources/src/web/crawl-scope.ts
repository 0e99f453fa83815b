import picomatch from 'picomatch';
import type { WebSettings } from './web-settings.js';

/**
 * Which URLs the crawl may take: the start URL's origin and path prefix, the include and
 * exclude globs on the path. URLs are compared without their fragment.
 */
export class CrawlScope {
  readonly origin: string;
  readonly prefix: string;
  readonly #include: ((path: string) => boolean) | undefined;
  readonly #exclude: ((path: string) => boolean) | undefined;

  constructor(settings: Pick<WebSettings, 'url' | 'include' | 'exclude'>) {
    const start = new URL(settings.url);
    this.origin = start.origin;
    // `/handbook/` and `/handbook/index.html` both cover `/handbook/...`.
    this.prefix = start.pathname.slice(0, start.pathname.lastIndexOf('/') + 1);
    const options = { dot: true };
    this.#include = settings.include.length > 0 ? picomatch(settings.include, options) : undefined;
    this.#exclude = settings.exclude.length > 0 ? picomatch(settings.exclude, options) : undefined;
  }

  /** The URL in its canonical form if the crawl may take it, else undefined. */
  admit(href: string, base?: string): string | undefined {
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      return undefined;
    }
    if (url.origin !== this.origin || !url.pathname.startsWith(this.prefix)) return undefined;
    if (this.#include && !this.#include(url.pathname)) return undefined;
    if (this.#exclude?.(url.pathname)) return undefined;
    url.hash = '';
    return url.href;
  }
}
