const entities: Readonly<Record<string, string>> = {
  '&nbsp;': ' ',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&amp;': '&',
};

/**
 * A Teams message's text as plain words for the answer pipeline: other people's mentions
 * (`<at>Ann</at>`) reduced to their names, stray tags removed, entities decoded. Knowhow's
 * own mention was already removed with its mention entity.
 */
export function fromTeamsText(text: string): string {
  return text
    .replace(/<at[^>]*>([^<]*)<\/at>/gi, '@$1')
    .replace(/<br\s*\/?>|<\/(p|div|li)>/gi, '\n')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/&(nbsp|lt|gt|quot|#39|amp);/g, (entity) => entities[entity] ?? entity)
    .replace(/[ \t\u00a0]{2,}/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
