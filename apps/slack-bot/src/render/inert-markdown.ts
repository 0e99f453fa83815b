import { escapeSlack } from './slack-mrkdwn.js';

// A Markdown link or image; the label may hold one level of brackets ("see [1]").
const link = /!?\[((?:[^[\]\n]|\[[^[\]\n]*\])*)\]\(([^)\s]+)[^)]*\)/g;
const joiner = '\u2060';

/**
 * The model's Markdown for Slack's streamed `markdown_text`, which Slack renders itself:
 * links shown as "text (address)", and a word joiner inside Slack's special syntax (`<!here>`,
 * `<@U…>`, `<https://…|…>`), broadcast words and addresses, so nothing from a document pings
 * anyone or becomes a link.
 */
export function inertMarkdown(markdown: string): string {
  return escapeSlack(markdown)
    .replaceAll('&lt;', `<${joiner}`)
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .replace(link, (_match, label: string, address: string) =>
      label && label !== address ? `${label} (${address})` : address,
    )
    .replace(
      /\b(https?|mailto):(\/\/)?/gi,
      (_match, scheme: string, slashes = '') => `${scheme}:${joiner}${slashes}`,
    );
}
