/**
 * A synced document's identity in its collection: the source's name and the item's id there,
 * so renames and moves keep it, and `sync://name/` prefixes exactly one source's documents.
 */
export function sourceUri(sourceName: string, itemId: string): string {
  return `${sourceUriPrefix(sourceName)}${encodeURIComponent(itemId)}`;
}

export function sourceUriPrefix(sourceName: string): string {
  return `sync://${encodeURIComponent(sourceName)}/`;
}
