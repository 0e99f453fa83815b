/**
 * Text from documents and from the model can never ping anyone or make a link: Slack's
 * control characters are escaped (so <!channel>, <!here>, <@U…>, <#C…> and <url|text> stay
 * text) and a word joiner breaks "@here"-style words (not e-mail addresses).
 */
export function escapeSlack(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/(^|[^\w.@-])@(channel|here|everyone)\b/gi, '$1@\u2060$2');
}

// Code fences (to their end, or the end of a streamed partial answer) and inline code spans.
const code = /(```[\s\S]*?(?:```|$)|`[^`\n]+`)/;
// Marks bold while italics are converted, so a bold `*x*` is not read as italic.
const bold = '\u0000';

/**
 * The model's Markdown as Slack mrkdwn: bold, italics, headings, lists and strikethrough
 * converted; links shown as "text (address)" rather than made clickable; code kept as code.
 * Everything is escaped first, so nothing in the text becomes Slack syntax.
 */
export function toMrkdwn(markdown: string): string {
  return markdown
    .split(code)
    .map((part, index) => (index % 2 === 1 ? escapeSlack(part) : convertProse(escapeSlack(part))))
    .join('');
}

function convertProse(text: string): string {
  return (
    text
      .replace(/^#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/gm, (_match, heading: string) => {
        const plain = heading.replace(/\*\*(.+?)\*\*|__(.+?)__/g, '$1$2');
        return `${bold}${plain}${bold}`;
      })
      .replace(
        /\*\*(.+?)\*\*|(^|[^\w])__(.+?)__(?!\w)/gm,
        (_match, stars: string | undefined, before: string | undefined, underscores: string) =>
          stars !== undefined
            ? `${bold}${stars}${bold}`
            : `${before ?? ''}${bold}${underscores}${bold}`,
      )
      .replace(/(^|[^\w*])\*(?!\s)([^*\n]+?)\*(?!\w)/g, '$1_$2_')
      .replaceAll(bold, '*')
      .replace(/~~(.+?)~~/g, '~$1~')
      .replace(/!?\[([^\]\n]*)\]\(([^)\s]+)[^)]*\)/g, (_match, label: string, address: string) =>
        label && label !== address ? `${label} (${address})` : address,
      )
      .replace(/^([ \t]*)[-*+][ \t]+/gm, '$1• ')
      // Quotes (excerpts are quoted) stay quotes: a line-initial > is Slack's quote too.
      .replace(/^&gt;[ \t]?/gm, '> ')
  );
}
