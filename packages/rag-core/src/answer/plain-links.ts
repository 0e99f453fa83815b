// A Markdown link or image; the label may hold one level of brackets ("see [1]").
const link = /!?\[((?:[^[\]\n]|\[[^[\]\n]*\])*)\]\(([^)\s]+)[^)]*\)/g;

/** A link as chat bots show one from a document: "text (address)", or the address alone. */
export function linkAsText(label: string, address: string): string {
  return label && label !== address ? `${label} (${address})` : address;
}

/**
 * Markdown links and images written out as text (only sources are linked, to their own
 * addresses), for text a platform renders as Markdown itself.
 */
export function plainLinks(markdown: string): string {
  return markdown.replace(link, (_match, label: string, address: string) =>
    linkAsText(label, address),
  );
}
