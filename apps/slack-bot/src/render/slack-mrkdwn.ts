import { linkAsText, type Markup, renderMarkdown } from '@knowhow/rag-core';

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

const mrkdwn: Markup = {
  text: escapeSlack,
  bold: '*',
  italic: '_',
  strike: '~',
  bullet: '• ',
  // Links from documents are never made clickable: the address is shown beside its label.
  link: linkAsText,
};

/**
 * The model's Markdown as Slack mrkdwn: bold, italics, strikethrough, headings, lists, quotes
 * and tables converted; links shown as "text (address)"; code kept as written. Everything is
 * escaped, so nothing in the text becomes Slack syntax.
 */
export function toMrkdwn(markdown: string): string {
  return renderMarkdown(markdown, mrkdwn);
}
