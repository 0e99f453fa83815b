/**
 * A Slack message's text as plain words for the answer pipeline: the bot's own mention
 * removed, other mentions, channels and links reduced to their labels, entities decoded.
 */
export function fromSlackText(text: string, botUserId?: string): string {
  return text
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_match, id: string, label?: string) =>
      id === botUserId ? '' : `@${label || id}`,
    )
    .replace(
      /<#([A-Z0-9]+)(?:\|([^>]*))?>/g,
      (_match, id: string, label?: string) => `#${label || id}`,
    )
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_match, label?: string) => label ?? '@group')
    .replace(/<!(channel|here|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<((?:https?|mailto|tel):[^|>]+)\|([^>]+)>/g, (_match, url: string, label: string) => {
      const address = url.replace(/^(mailto|tel):/, '');
      return label === address ? label : `${label} (${address})`;
    })
    .replace(/<((?:https?|mailto|tel):[^>]+)>/g, (_match, url: string) =>
      url.replace(/^(mailto|tel):/, ''),
    )
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .replace(/\u2060/g, '')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
