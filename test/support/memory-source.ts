import {
  type ItemContent,
  type ListingEnd,
  type ListRequest,
  type Source,
  type SourceChange,
  type SourceItem,
  textContent,
} from '@knowhow/rag-core';

interface Page {
  version: number;
  title: string;
  body: string;
  fails?: string;
  /** Served as it is instead of the markdown of `body`. */
  content?: ItemContent;
}

/**
 * A source held in memory for engine tests: a complete listing (like Confluence), or a
 * change feed with deletions (like Graph delta, cursor = the change number). Records fetches.
 */
export class MemorySource implements Source {
  readonly pages = new Map<string, Page>();
  readonly fetched: string[] = [];
  listingError: Error | undefined;
  /** Waits before each listed item, so a test can stop a pass in the middle. */
  delayMs = 0;
  readonly #changes: { id: string; sequence: number }[] = [];
  #sequence = 0;

  constructor(readonly mode: 'complete' | 'delta' = 'complete') {}

  put(id: string, title: string, body: string, fails?: string): void {
    const version = (this.pages.get(id)?.version ?? 0) + 1;
    this.pages.set(id, { version, title, body, ...(fails ? { fails } : {}) });
    this.#changes.push({ id, sequence: (this.#sequence += 1) });
  }

  /** An item whose fetched content is `content` (HTML, a docx, a hostile file). */
  putContent(id: string, title: string, content: ItemContent): void {
    this.put(id, title, '');
    const page = this.pages.get(id);
    if (page) page.content = content;
  }

  remove(id: string): void {
    this.pages.delete(id);
    this.#changes.push({ id, sequence: (this.#sequence += 1) });
  }

  async *list(request: ListRequest): AsyncGenerator<SourceChange, ListingEnd, undefined> {
    if (this.listingError) throw this.listingError;
    const since = request.cursor === undefined ? 0 : Number(request.cursor);
    const ids =
      this.mode === 'complete' || since === 0
        ? [...this.pages.keys()]
        : [...new Set(this.#changes.filter((change) => change.sequence > since).map((c) => c.id))];
    // A change feed lists failed items again itself.
    if (this.mode === 'delta') {
      for (const [id, known] of request.known) if (known.failed && !ids.includes(id)) ids.push(id);
    }
    for (const id of ids) {
      if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      const page = this.pages.get(id);
      if (!page) {
        yield { type: 'deleted', id };
        continue;
      }
      yield { type: 'item', item: this.#item(id, page) };
    }
    return { cursor: String(this.#sequence), complete: this.mode === 'complete' || since === 0 };
  }

  async fetch(item: SourceItem): Promise<ItemContent> {
    this.fetched.push(item.id);
    const page = this.pages.get(item.id);
    if (!page) throw new Error(`${item.id} is gone`);
    if (page.fails) throw new Error(page.fails);
    if (page.content) return page.content;
    return textContent('markdown', `# ${page.title}\n\n${page.body}\n`);
  }

  #item(id: string, page: Page): SourceItem {
    return {
      id,
      version: String(page.version),
      title: page.title,
      url: `https://wiki.example/pages/${id}`,
      path: `SPACE/${page.title}`,
      author: 'ada',
      permissions: { space: 'SPACE' },
    };
  }
}
