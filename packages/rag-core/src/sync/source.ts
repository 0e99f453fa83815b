import type { DocumentFormat } from '../ingest/file-formats.js';

/**
 * The source port: what the sync engine needs of Confluence, a website, a SharePoint library
 * or any other place knowledge lives. An adapter lists what changed since its cursor and
 * fetches one item's content; the engine decides what to download, write and delete.
 */
export interface Source {
  /**
   * Lists the items that may have changed since `request.cursor`, then returns how the
   * listing ended. Listing one item twice is harmless (the engine takes the first). Throwing
   * fails the whole source for this pass: nothing is deleted and the cursor stays.
   */
  list(request: ListRequest): AsyncGenerator<SourceChange, ListingEnd, undefined>;
  /**
   * Downloads one listed item that is new or changed; throwing fails that item only. The
   * engine never asks for an item whose version it has written.
   */
  fetch(item: SourceItem, signal: AbortSignal): Promise<ItemContent>;
}

export interface ListRequest {
  /** From the last completed pass; undefined on the first pass (or after settings changed). */
  readonly cursor: string | undefined;
  /** What earlier passes stored, by item id: versions to compare, the adapter's own state. */
  readonly known: ReadonlyMap<string, KnownItem>;
  readonly signal: AbortSignal;
}

export interface KnownItem {
  /** The version last written; null when the item has never been written. */
  readonly version: string | null;
  /** The last attempt failed: list it again, and revalidate it unconditionally. */
  readonly failed: boolean;
  /** What the adapter returned as `SourceItem.state` when the item was last written. */
  readonly state: JsonValue | null;
}

export interface ListingEnd {
  /** Where the next pass continues (a delta link, a page token); undefined keeps none. */
  readonly cursor?: string;
  /**
   * True when the listing named every item that exists, so known items it did not name are
   * deleted. False for change feeds, which report deletions themselves.
   */
  readonly complete: boolean;
}

export type SourceChange =
  | { readonly type: 'item'; readonly item: SourceItem }
  | { readonly type: 'deleted'; readonly id: string }
  /** An item that exists but could not be listed or read; its stored document is kept. */
  | {
      readonly type: 'failed';
      readonly id: string;
      readonly title?: string;
      readonly url?: string;
      readonly reason: string;
    };

export interface SourceItem {
  /** The item's id at the source, stable across renames and moves. */
  readonly id: string;
  /**
   * Changes whenever the content or anything stored with it changes: a version number, an
   * ETag, a blob sha, a modified time. The same version is never downloaded again.
   */
  readonly version: string;
  readonly title: string;
  /** The item's web link for people, never an API address. */
  readonly url: string;
  /** Where the item sits in its source, shown with citations: `ENG/Onboarding/Laptops`. */
  readonly path: string;
  /** ISO 8601. */
  readonly modifiedAt?: string;
  /** Author or owner, as the source names them. */
  readonly author?: string;
  /** Who may read it, as the source reports it; stored for access control. */
  readonly permissions?: JsonValue;
  /** Kept with the item and handed back in `KnownItem.state` (ETags, links, parents). */
  readonly state?: JsonValue;
}

export interface ItemContent {
  readonly format: DocumentFormat;
  readonly bytes: Uint8Array;
  /** A more specific media type than the format's, e.g. a Google Doc exported as markdown. */
  readonly mediaType?: string;
  /** Permissions learned while fetching; they replace the listed item's. */
  readonly permissions?: JsonValue;
  /** A title learned while fetching (a file's front matter); it replaces the listed item's. */
  readonly title?: string;
  /**
   * The page's headings in order with their anchors in its web page: each passage links to
   * the anchor of the heading it sits under.
   */
  readonly anchors?: readonly HeadingAnchor[];
}

export interface HeadingAnchor {
  /** The heading's text, as passages' heading paths name it. */
  readonly heading: string;
  /** The fragment, without `#`. */
  readonly anchor: string;
}

export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Markdown (or any text) as item content. */
export function textContent(format: DocumentFormat, text: string): ItemContent {
  return { format, bytes: new TextEncoder().encode(text) };
}
