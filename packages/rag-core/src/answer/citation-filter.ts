// A citation group: [3], [1, 2] or [1,2] (a plain [see below] or a markdown link is not one).
const group = /(\s*)\[(\d+(?:\s*,\s*\d+)*)\]/g;
// What might still become a citation group: trailing spaces and an unclosed "[1, 2".
const unfinished = /\s*(?:\[[\d,\s]*)?$/;

export interface CitationFilter {
  /** Takes the next piece of generated text; returns what can be shown now. */
  push(text: string): string;
  /** Returns what was held back at the end of the text. */
  end(): string;
  /** Source numbers the text cited, ascending. */
  cited(): number[];
}

/**
 * Keeps only citations of sources 1..count, also while the answer streams: a group citing no
 * valid source disappears with its leading space, `[1, 9]` becomes `[1]`. Only a possible
 * unfinished group at the end of a piece is held back, so text flows through at once.
 */
export function createCitationFilter(count: number): CitationFilter {
  const cited = new Set<number>();
  let pending = '';
  const clean = (text: string) =>
    text.replace(group, (_match, space: string, numbers: string) => {
      const valid = numbers
        .split(',')
        .map((number) => Number(number.trim()))
        .filter((number) => number >= 1 && number <= count);
      for (const number of valid) cited.add(number);
      return valid.length > 0 ? `${space}[${[...new Set(valid)].join(', ')}]` : '';
    });
  return {
    push(text) {
      const combined = pending + text;
      const held = unfinished.exec(combined)?.[0] ?? '';
      // Long bracketed text is not a citation; never hold much back.
      const keep = held.length > 40 ? '' : held;
      pending = keep;
      return clean(combined.slice(0, combined.length - keep.length));
    },
    end() {
      const rest = clean(pending);
      pending = '';
      return rest;
    },
    cited: () => [...cited].sort((a, b) => a - b),
  };
}

/** The whole text at once, e.g. a non-streamed answer. */
export function filterCitations(text: string, count: number): { text: string; cited: number[] } {
  const filter = createCitationFilter(count);
  const filtered = filter.push(text) + filter.end();
  return { text: filtered, cited: filter.cited() };
}
