/** Where in its document a passage is: `p. 7`, `pp. 7–8` or its heading path. */
export function describeLocation(place: {
  readonly pageStart: number | null;
  readonly pageEnd: number | null;
  readonly heading: string | null;
}): string | null {
  if (place.pageStart !== null) {
    return place.pageEnd !== null && place.pageEnd !== place.pageStart
      ? `pp. ${place.pageStart}–${place.pageEnd}`
      : `p. ${place.pageStart}`;
  }
  return place.heading;
}
