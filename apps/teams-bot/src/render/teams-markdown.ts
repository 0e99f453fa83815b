// Code fences (to their end, or the end of the text) and inline code spans stay as written.
const code = /(```[\s\S]*?(?:```|$)|`[^`\n]+`)/;

/** Text from documents or the model, made inert: no HTML or Teams tags (`<at>`), no links. */
export function escapeTeams(text: string): string {
  return text.replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * The model's Markdown for a Teams message: tags escaped, links shown as "text (address)"
 * (only sources are linked, to their own addresses), blockquotes and code kept.
 */
export function toTeamsMarkdown(markdown: string): string {
  return markdown
    .split(code)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : escapeTeams(part)
            // A quote marker was escaped with the rest; it is Markdown, not a tag.
            .replace(/^&gt;[ \t]?/gm, '> ')
            .replace(
              /!?\[([^\]\n]*)\]\(([^)\s]+)[^)]*\)/g,
              (_match, label: string, address: string) =>
                label && label !== address ? `${label} (${address})` : address,
            ),
    )
    .join('');
}

/** A title inside a Markdown link label. */
export function escapeLinkLabel(text: string): string {
  return escapeTeams(text).replace(/[[\]\\]/g, '\\$&');
}
