/**
 * A source's stored cursor, read back: undefined (a full pass) when it is missing, not JSON, or
 * lacks the string field that marks its shape, e.g. an older cursor format.
 */
export function parseCursor<Cursor>(
  cursor: string | undefined,
  key: keyof Cursor & string,
): Cursor | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(cursor) as Cursor;
    return typeof parsed[key] === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
