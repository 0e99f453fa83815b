/** Pages by id with their parent, so each page's ancestors can be named. */
export class PageTree {
  readonly #pages = new Map<string, { title: string; parentId: string | null }>();

  /** `hidden`: a page (the space's home page) that is everyone's ancestor and says nothing. */
  constructor(
    pages: Iterable<{ id: string; title: string; parentId: string | null }>,
    readonly hidden?: string,
  ) {
    for (const page of pages) this.#pages.set(page.id, page);
  }

  /** The titles from the top down to the page itself. */
  path(id: string): string[] {
    const titles: string[] = [];
    const seen = new Set<string>();
    for (let current: string | null = id; current !== null && !seen.has(current);) {
      seen.add(current);
      const page = this.#pages.get(current);
      if (!page) break;
      if (current !== this.hidden || current === id) titles.unshift(page.title);
      current = page.parentId;
    }
    return titles;
  }

  ancestors(id: string): string[] {
    const ids: string[] = [];
    const seen = new Set<string>([id]);
    for (let current = this.#pages.get(id)?.parentId ?? null; current && !seen.has(current);) {
      seen.add(current);
      ids.unshift(current);
      current = this.#pages.get(current)?.parentId ?? null;
    }
    return ids;
  }
}
