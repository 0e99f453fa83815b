/**
 * Page bodies that arrived with the listing, kept until the engine asks for them, within a
 * byte budget: past it, a page is downloaded on its own instead.
 */
export class BodyStash {
  readonly #bodies = new Map<string, string>();
  #bytes = 0;

  constructor(readonly budgetBytes = 64 * 1024 * 1024) {}

  keep(id: string, body: string): void {
    if (this.#bytes + body.length > this.budgetBytes) return;
    this.#bodies.set(id, body);
    this.#bytes += body.length;
  }

  take(id: string): string | undefined {
    const body = this.#bodies.get(id);
    if (body === undefined) return undefined;
    this.#bodies.delete(id);
    this.#bytes -= body.length;
    return body;
  }
}
