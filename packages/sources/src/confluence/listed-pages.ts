import type { ItemContent, SourceItem } from '@knowhow/rag-core';
import { BodyStash } from './body-stash.js';
import { pageContent, pathVersion, readRestrictions } from './page-markdown.js';

/** A page as either API lists it, in the terms both map it by. */
export interface ListedPage {
  readonly id: string;
  readonly title: string;
  readonly spaceKey: string;
  /** Titles from the top of the space down to the page, without the space's home page. */
  readonly path: readonly string[];
  /** Ids of the page's ancestors, top down. */
  readonly ancestors: readonly string[];
  readonly versionNumber: number;
  /** The page in the browser (`_links.base` + `_links.webui`). */
  readonly url: string;
  readonly modifiedAt?: string | undefined;
  readonly author?: string | undefined;
}

/**
 * What a pass's listing learned about its pages, for fetching them after: the bodies that
 * came with it, and each page's title and web link, so links between pages become web links.
 * One mapping from a listed page to the engine's item, for Cloud and Data Center alike.
 */
export class ListedPages {
  readonly #bodies = new BodyStash();
  /** Web links by space key and title. */
  readonly #links = new Map<string, string>();
  readonly #titles = new Map<string, string>();

  keepBody(id: string, body: string | undefined): void {
    if (body !== undefined) this.#bodies.keep(id, body);
  }

  /** The body the listing brought, once; undefined when it has to be downloaded. */
  takeBody(id: string): string | undefined {
    return this.#bodies.take(id);
  }

  add(page: ListedPage): SourceItem {
    this.#links.set(`${page.spaceKey}\n${page.title}`, page.url);
    this.#titles.set(page.id, page.title);
    return {
      id: page.id,
      version: pathVersion(page.versionNumber, page.path),
      title: page.path.join(' / '),
      url: page.url,
      path: [page.spaceKey, ...page.path].join('/'),
      ...(page.modifiedAt ? { modifiedAt: page.modifiedAt } : {}),
      ...(page.author ? { author: page.author } : {}),
      permissions: { space: page.spaceKey, ancestors: [...page.ancestors] },
    };
  }

  /** The page's markdown with its permissions: the listed ones and the read restrictions. */
  content(
    item: SourceItem,
    body: string,
    restrictions: Parameters<typeof readRestrictions>[0],
    title = item.title,
  ): ItemContent {
    const listed = item.permissions as Record<string, unknown>;
    const spaceKey = typeof listed.space === 'string' ? listed.space : undefined;
    return pageContent(
      this.#titles.get(item.id) ?? title,
      body,
      (linked, key) => this.#links.get(`${key ?? spaceKey}\n${linked}`),
      { ...listed, read: readRestrictions(restrictions) },
    );
  }
}
