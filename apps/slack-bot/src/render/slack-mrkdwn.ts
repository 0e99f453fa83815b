/**
 * Text from documents and from the model can never ping anyone or make a link: Slack's
 * control characters are escaped (so <!channel>, <!here>, <@U…>, <#C…> and <url|text> stay
 * text) and a word joiner breaks "@here"-style words.
 */
export function escapeSlack(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u2060$1');
}

/**
 * The model's Markdown as Slack mrkdwn: bold, italics, headings, lists and strikethrough
 * converted; links shown as "text (address)" rather than made clickable; code kept as code.
 * Everything is escaped first, so nothing in the text becomes Slack syntax.
 */
export function toMrkdwn(markdown: string): string {
  return markdown
    .split(/(```[\s\S]*?(?:```|$))/)
    .map((part, index) => (index % 2 === 1 ? escapeSlack(part) : convertProse(escapeSlack(part))))
    .join('');
}

function convertProse(text: string): string {
  return text
    .replace(/^#{1,6}[ \t]+(.+?)[ \t]*#*$/gm, '*$1*')
    .replace(
      /\*\*(.+?)\*\*|__(.+?)__/g,
      (_match, a: string | undefined, b: string | undefined) => `\u0000${a ?? b}\u0000`,
    )
    .replace(/(^|[^\w*])\*(?!\s)([^*\n]+?)\*(?!\w)/g, '$1_$2_')
    .replaceAll('\u0000', '*')
    .replace(/~~(.+?)~~/g, '~$1~')
    .replace(/!?\[([^\]\n]*)\]\(([^)\s]+)[^)]*\)/g, (_match, label: string, address: string) =>
      label && label !== address ? `${label} (${address})` : address,
    )
    .replace(/^([ \t]*)[-*+][ \t]+/gm, '$1• ');
}
