import type { SourcePassage } from './build-sources.js';

const stopWords = new Set(
  'a an and are as at be by can do does for from get gets has have how i if in is it its me my of on or our should the their there they this to was we what when where which who why will with you your'.split(
    ' ',
  ),
);

// A crude stem: words sharing their first five letters count as the same word
// ("vacation"/"vacations", "employee"/"employees").
function stems(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(
    words.filter((word) => word.length > 2 && !stopWords.has(word)).map((word) => word.slice(0, 5)),
  );
}

/** A sentence as quoted, and the characters [start, end) of the passage it comes from. */
interface Sentence {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function sentences(text: string): Sentence[] {
  // Hard-wrapped lines belong to one sentence; blank lines, list items and table rows do not.
  // (Each newline becomes one space: offsets in the unwrapped text are the passage's.)
  const unwrapped = text.replace(/([^\n])\n(?![\n\-*|#>]|\d+\.)/g, '$1 ');
  const pieces: Sentence[] = [];
  let from = 0;
  for (const separator of [...unwrapped.matchAll(/(?<=[.!?])\s+|\n+/g), null]) {
    const to = separator?.index ?? unwrapped.length;
    const raw = unwrapped.slice(from, to);
    const sentence = raw.replace(/\s+/g, ' ').trim();
    if (sentence && !/^[|\-:\s]+$/.test(sentence)) {
      const start = from + raw.length - raw.trimStart().length;
      pieces.push({ text: sentence, start, end: from + raw.trimEnd().length });
    }
    from = to + (separator?.[0].length ?? 0);
  }
  // Runs of short fragments are table cells (Word tables arrive one cell per paragraph) or
  // list items: quoted together, so a table that answers the question is not dropped.
  const merged: Sentence[] = [];
  let run: Sentence[] = [];
  const flush = () => {
    const [first, last] = [run[0], run.at(-1)];
    if (first && last) {
      merged.push({
        text: run.map((cell) => cell.text).join(' · '),
        start: first.start,
        end: last.end,
      });
    }
    run = [];
  };
  for (const piece of pieces) {
    if (piece.text.length <= 40 && !/[.!?]$/.test(piece.text)) {
      run.push({
        ...piece,
        text: piece.text
          .replace(/^#+\s*/, '')
          .replace(/^\|\s*|\s*\|$/g, '')
          .replace(/\s*\|\s*/g, ' · '),
      });
      continue;
    }
    flush();
    merged.push(piece);
  }
  flush();
  return merged.filter((sentence) => sentence.text.length > 15);
}

/** What an excerpts answer quoted of one source: characters [start, end) of its text. */
export interface QuotedPlace {
  readonly n: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Without a language model: quotes from the best sources, each with its source number, at most
 * two sentences per source and three sources. The best-ranked source always comes first: its
 * sentences about what was asked (a table's cells count as one), or, when it shares no word
 * with the question at all (search matched it by meaning), its opening. The others only where
 * a sentence shares about as much with the question as the best one does, so loosely related
 * sentences do not pad the answer. Words of the question itself count double those a
 * follow-up borrowed from earlier turns.
 */
export function extractExcerpts(
  question: string,
  query: string,
  sources: readonly SourcePassage[],
): { text: string; cited: number[]; quoted: QuotedPlace[] } {
  const asked = stems(question);
  const context = stems(query);
  const scored = sources.map((source) =>
    sentences(source.text)
      .map((sentence, index) => {
        const words = [...stems(sentence.text)];
        const score = words.reduce(
          (sum, word) => sum + (asked.has(word) ? 2 : context.has(word) ? 1 : 0),
          0,
        );
        // A sentence must share a word with the question actually asked: words a follow-up
        // borrowed from earlier turns alone would quote the earlier answer again.
        return { sentence, index, score, asks: words.some((word) => asked.has(word)) };
      })
      .filter((entry) => entry.score > 0 && entry.asks),
  );
  const best = Math.max(0, ...scored.flat().map((entry) => entry.score));
  const quotes: string[] = [];
  const cited: number[] = [];
  const quoted: QuotedPlace[] = [];
  const first = sources[0];
  if (first && !sharesWord(first.text, new Set([...asked, ...context]))) {
    quotes.push(`> ${shorten(first.text)} [${first.n}]`);
    cited.push(first.n);
    quoted.push(openingOf(first));
  }
  for (const [position, source] of sources.entries()) {
    if (cited.length >= 3) break;
    const floor = position === 0 ? 1 : Math.max(2, best / 2);
    const chosen = (scored[position] ?? [])
      .filter((entry) => entry.score >= floor)
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, 2)
      .sort((a, b) => a.index - b.index);
    if (chosen.length === 0 || cited.includes(source.n)) continue;
    quotes.push(`> ${chosen.map((entry) => entry.sentence.text).join(' … ')} [${source.n}]`);
    cited.push(source.n);
    quoted.push({
      n: source.n,
      start: Math.min(...chosen.map((entry) => entry.sentence.start)),
      end: Math.max(...chosen.map((entry) => entry.sentence.end)),
    });
  }
  // No sentence is about what was asked now (a follow-up's words matched elsewhere): the best
  // passage's opening, rather than nothing.
  if (quotes.length === 0 && first) {
    return {
      text: `> ${shorten(first.text)} [${first.n}]`,
      cited: [first.n],
      quoted: [openingOf(first)],
    };
  }
  return { text: quotes.join('\n\n'), cited, quoted };
}

/** The characters of a source that shorten() quotes. */
function openingOf(source: SourcePassage): QuotedPlace {
  const start = source.text.length - source.text.trimStart().length;
  let end = source.text.length;
  if (source.text.replace(/\s+/g, ' ').trim().length > 280) {
    // Where the flattened text reaches its 277th character.
    let flat = 0;
    let space = false;
    for (let index = start; index < source.text.length; index += 1) {
      if (/\s/.test(source.text[index] ?? '')) {
        space = true;
        continue;
      }
      flat += space ? 2 : 1;
      space = false;
      if (flat >= 277) {
        end = index + 1;
        break;
      }
    }
  }
  return { n: source.n, start, end };
}

function sharesWord(text: string, words: ReadonlySet<string>): boolean {
  return [...stems(text)].some((word) => words.has(word));
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 280 ? `${flat.slice(0, 277)}…` : flat;
}
