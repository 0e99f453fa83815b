/**
 * A Slack message's text as plain words for the answer pipeline: the bot's own mention
 * removed, other mentions, channels and links reduced to their labels, entities decoded.
 */
export function fromSlackText(text: string, botUserId?: string): string {
  return text
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_match, id: string, label?: string) =>
      id === botUserId ? '' : `@${label ?? id}`,
    )
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<#([A-Z0-9]+)>/g, '#$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_match, label?: string) => label ?? '@group')
    .replace(/<!(channel|here|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, (_match, url: string, label: string) =>
      label === url.replace(/^mailto:/, '') ? label : `${label} (${url})`,
    )
    .replace(/<((?:https?|mailto):[^>]+)>/g, (_match, url: string) => url.replace(/^mailto:/, ''))
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .replace(/\u2060/g, '')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
