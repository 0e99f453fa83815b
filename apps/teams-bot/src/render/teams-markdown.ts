import { plainLinks } from '@knowhow/rag-core';

/** Text from documents or the model, made inert: no HTML or Teams tags (`<at>`), no links. */
export function escapeTeams(text: string): string {
  return text.replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * The model's Markdown for a Teams message: every tag escaped (code included: where Markdown
 * sees code is too subtle to bet on), links shown as "text (address)" (only sources are
 * linked, to their own addresses), quotes kept as quotes.
 */
export function toTeamsMarkdown(markdown: string): string {
  // Line-initial quote markers were escaped with the rest; they are Markdown, not tags.
  const quoted = escapeTeams(markdown).replace(/^((?:&gt;[ \t]?)+)/gm, (markers: string) =>
    markers.replaceAll(/&gt;[ \t]?/g, '> '),
  );
  return plainLinks(quoted);
}

/** A title inside a Markdown link label, or in bold: brackets cannot open a link or a citation. */
export function escapeLinkLabel(text: string): string {
  return escapeTeams(text).replace(/[[\]\\]/g, '\\$&');
}
