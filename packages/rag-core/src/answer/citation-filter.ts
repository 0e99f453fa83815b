// A citation group: [3], [1, 2], [1-3], [2–4] or [Source 4], with the spaces before it. Not
// one: `items[3]` (a word character before it) and a markdown link's text `[4](…)`.
const group = /([ \t]*)(?<!\w)\[\s*(?:sources?\s+)?(\d+(?:\s*[,–-]\s*\d+)*)\s*\](?!\()/gi;
// What might still become a group at the end of a piece: trailing spaces, then "[", "[1, 2",
// "[Sour" or a complete group (a "(" after it would make it a link); or one or two backticks
// that may be the start of a ``` fence.
const unfinished =
  /[ \t]*\[\s*(?:s(?:o(?:u(?:r(?:c(?:es?)?)?)?)?)?\s*)?[\d\s,–-]*\]?$|[ \t]*$|`{1,2}$/i;
const longestHold = 40;

export interface CitationFilter {
  /** Takes the next piece of generated text; returns what can be shown now. */
  push(text: string): string;
  /** Returns what was held back at the end of the text. */
  end(): string;
  /** Source numbers the text cited, ascending. */
  cited(): number[];
}

function numbersOf(group: string): number[] {
  return group.split(',').flatMap((part) => {
    const [from, to] = part.split(/[–-]/).map((number) => Number(number.trim()));
    if (from === undefined || Number.isNaN(from)) return [];
    if (to === undefined || Number.isNaN(to)) return [from];
    // A range is expanded, but a huge one is not a citation.
    return to >= from && to - from < 20
      ? Array.from({ length: to - from + 1 }, (_, index) => from + index)
      : [];
  });
}

/**
 * Keeps only citations of sources 1..count, also while the answer streams: a group citing no
 * valid source disappears with the spaces before it, `[1, 9]` becomes `[1]`, `[1-3]` becomes
 * `[1, 2, 3]`. Code between ``` fences or `backticks` is left as written. Only a possible
 * unfinished group at the end of a piece is held back, so text flows through at once.
 */
export function createCitationFilter(count: number): CitationFilter {
  const cited = new Set<number>();
  let pending = '';
  // Backticks seen so far in emitted text: an odd count means the text is inside code.
  let fences = 0;
  let ticks = 0;
  const cleanProse = (text: string) =>
    text.replace(group, (_match, space: string, numbers: string) => {
      const valid = [
        ...new Set(numbersOf(numbers).filter((number) => number >= 1 && number <= count)),
      ];
      for (const number of valid) cited.add(number);
      return valid.length > 0 ? `${space}[${valid.join(', ')}]` : '';
    });
  const clean = (text: string) =>
    text
      .split(/(```|`)/)
      .map((part) => {
        if (part === '```') fences += 1;
        else if (part === '`') ticks += fences % 2 === 0 ? 1 : 0;
        else if (fences % 2 === 0 && ticks % 2 === 0) return cleanProse(part);
        return part;
      })
      .join('');
  return {
    push(text) {
      const combined = pending + text;
      let held = unfinished.exec(combined)?.[0] ?? '';
      // Never hold much: long spaces are shown, and a long bracket is no citation.
      if (held.length > longestHold) held = held.trimStart();
      if (held.length > longestHold) held = '';
      pending = held;
      return clean(combined.slice(0, combined.length - held.length));
    },
    end() {
      const rest = clean(pending);
      pending = '';
      return rest;
    },
    cited: () => [...cited].sort((a, b) => a - b),
  };
}
