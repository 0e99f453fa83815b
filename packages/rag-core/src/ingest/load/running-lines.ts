import type { LoadedPage } from './loaded-document.js';

// Lines looked at on each edge of a page: a running header or footer is one or two lines (a
// title and a page number); deeper lines are content, however often they repeat.
const edgeLines = 2;
// A line is running when it sits on an edge of at least half the pages (and three of them):
// a section heading that starts a few pages is not.
const minimumShare = 0.5;
const minimumPages = 3;

/** The same line on every page, whatever its page number: digits are one digit. */
function lineKey(line: string): string {
  return line.trim().toLowerCase().replace(/\d+/g, '0').replace(/\s+/g, ' ');
}

function edges(lines: readonly string[]): { top: number[]; bottom: number[] } {
  const filled = lines.flatMap((line, index) => (line.trim() ? [index] : []));
  return { top: filled.slice(0, edgeLines), bottom: filled.slice(-edgeLines) };
}

/**
 * Removes running headers and footers: lines at the top or bottom of most pages (a document
 * title, "Page 3 of 40", a confidentiality notice). Repeated in every passage they would make
 * the passages of a document look alike to both searches, and a citation's text start with them.
 */
export function removeRunningLines(pages: readonly LoadedPage[]): LoadedPage[] {
  const withText = pages.filter((page) => page.text.trim());
  const needed = Math.max(minimumPages, Math.ceil(withText.length * minimumShare));
  if (withText.length < minimumPages) return [...pages];
  const counts = new Map<string, number>();
  for (const page of withText) {
    const lines = page.text.split('\n');
    const { top, bottom } = edges(lines);
    // A header is running at the top, a footer at the bottom: counted apart.
    const keys = new Set([
      ...top.map((index) => `top ${lineKey(lines[index] ?? '')}`),
      ...bottom.map((index) => `bottom ${lineKey(lines[index] ?? '')}`),
    ]);
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const running = new Set([...counts].filter(([, count]) => count >= needed).map(([key]) => key));
  if (running.size === 0) return [...pages];
  return pages.map((page) => {
    const lines = page.text.split('\n');
    const { top, bottom } = edges(lines);
    const drop = new Set<number>();
    // From each edge inwards, only while the lines are running: content below a header stays.
    for (const index of top) {
      if (!running.has(`top ${lineKey(lines[index] ?? '')}`)) break;
      drop.add(index);
    }
    for (const index of [...bottom].reverse()) {
      if (!running.has(`bottom ${lineKey(lines[index] ?? '')}`)) break;
      drop.add(index);
    }
    return { ...page, text: lines.filter((_, index) => !drop.has(index)).join('\n') };
  });
}
