import { plainLinks } from '@knowhow/rag-core';
import { escapeSlack } from './slack-mrkdwn.js';

const joiner = '\u2060';

/**
 * The model's Markdown for Slack's streamed `markdown_text`, which Slack renders itself:
 * links shown as "text (address)", and a word joiner inside Slack's special syntax (`<!here>`,
 * `<@U…>`, `<https://…|…>`), broadcast words and addresses, so nothing from a document pings
 * anyone or becomes a link.
 */
export function inertMarkdown(markdown: string): string {
  const unescaped = escapeSlack(markdown)
    .replaceAll('&lt;', `<${joiner}`)
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
  return plainLinks(unescaped).replace(
    /\b(https?|mailto):(\/\/)?/gi,
    (_match, scheme: string, slashes = '') => `${scheme}:${joiner}${slashes}`,
  );
}
