/** A text's pages: its range, and where in the text each later page begins. */
export interface PagedText {
  readonly pageStart: number | null;
  readonly pageEnd: number | null;
  /** Offsets of pages pageStart+1..pageEnd in the text; absent or null: not known. */
  readonly pageBreaks?: readonly number[] | null;
}

/**
 * The pages the text's characters [start, end) are on. Exact when the breaks are known; the
 * whole range otherwise (passages stored before breaks were kept), which is never wrong.
 */
export function pagesOf(
  place: PagedText,
  start: number,
  end: number,
): { pageStart: number | null; pageEnd: number | null } {
  const { pageStart, pageEnd, pageBreaks } = place;
  if (pageStart === null || pageEnd === null || pageEnd === pageStart)
    return { pageStart, pageEnd };
  if (!pageBreaks || pageBreaks.length !== pageEnd - pageStart) return { pageStart, pageEnd };
  const pageAt = (offset: number) =>
    pageStart + pageBreaks.filter((pageBegins) => pageBegins <= offset).length;
  return { pageStart: pageAt(start), pageEnd: pageAt(Math.max(start, end - 1)) };
}

/**
 * The breaks of passages joined into one text, each starting at `offset` in it: for every
 * later page, where the first passage that is on it says it begins. Null when a passage of
 * several pages does not know its breaks, or when pages do not rise with the offsets.
 */
export function joinedPageBreaks(
  parts: readonly { readonly offset: number; readonly place: PagedText }[],
  pageStart: number | null,
  pageEnd: number | null,
): number[] | null {
  if (pageStart === null || pageEnd === null || pageEnd === pageStart) return null;
  const begins: { offset: number; page: number }[] = [];
  for (const { offset, place } of parts) {
    if (place.pageStart === null) continue;
    const span = (place.pageEnd ?? place.pageStart) - place.pageStart;
    if (span > 0 && place.pageBreaks?.length !== span) return null;
    begins.push({ offset, page: place.pageStart });
    place.pageBreaks?.forEach((pageBegins, index) => {
      begins.push({ offset: offset + pageBegins, page: (place.pageStart ?? 0) + index + 1 });
    });
  }
  // Passages that go back a page would give a later page a break before an earlier one's:
  // the whole range then, which is never wrong.
  const ordered = [...begins].sort((a, b) => a.offset - b.offset || a.page - b.page);
  if (ordered.some((begin, index) => index > 0 && begin.page < (ordered[index - 1]?.page ?? 0)))
    return null;
  const breaks: number[] = [];
  for (let page = pageStart + 1; page <= pageEnd; page += 1) {
    const offsets = begins.filter((begin) => begin.page >= page).map((begin) => begin.offset);
    if (offsets.length === 0) return null;
    breaks.push(Math.min(...offsets));
  }
  return breaks;
}
