/**
 * Splits text into pieces of at most `limit` characters (a chat platform's message or block
 * limit), at paragraph, then line, then word boundaries.
 */
export function splitText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const cut = [
      window.lastIndexOf('\n\n'),
      window.lastIndexOf('\n'),
      window.lastIndexOf(' '),
    ].find((index) => index > limit / 2);
    // A hard cut must not split an entity such as &amp;.
    const end = cut ?? limit - (/&[a-z]{0,4}$/.exec(window)?.[0].length ?? 0);
    pieces.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(end).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}
