/** Text from documents or the model, made inert: no HTML or Teams tags (`<at>`), no links. */
export function escapeTeams(text: string): string {
  return text.replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

// A Markdown link or image: the label may hold one level of brackets ("see [1]").
const link = /!?\[((?:[^[\]\n]|\[[^[\]\n]*\])*)\]\(([^)\s]+)[^)]*\)/g;

/**
 * The model's Markdown for a Teams message: every tag escaped (code included: where Markdown
 * sees code is too subtle to bet on), links shown as "text (address)" (only sources are
 * linked, to their own addresses), quotes kept as quotes.
 */
export function toTeamsMarkdown(markdown: string): string {
  return (
    escapeTeams(markdown)
      // Line-initial quote markers were escaped with the rest; they are Markdown, not tags.
      .replace(/^((?:&gt;[ \t]?)+)/gm, (markers: string) => markers.replaceAll(/&gt;[ \t]?/g, '> '))
      .replace(link, (_match, label: string, address: string) =>
        label && label !== address ? `${label} (${address})` : address,
      )
  );
}

/** A title inside a Markdown link label, or in bold: brackets cannot open a link or a citation. */
export function escapeLinkLabel(text: string): string {
  return escapeTeams(text).replace(/[[\]\\]/g, '\\$&');
}
