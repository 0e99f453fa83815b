import { createHash } from 'node:crypto';
import { type ItemContent, type JsonValue, textContent } from '@knowhow/rag-core';
import { type PageLinks, storageToMarkdown } from './storage-to-markdown.js';

/**
 * A page as markdown under its own title, so a page that is only a parent of others still
 * has text, and every passage's heading path starts at the page.
 */
export function pageContent(
  title: string,
  storage: string,
  links: PageLinks,
  permissions: JsonValue,
): ItemContent {
  const markdown = `# ${title}\n\n${storageToMarkdown(storage, links)}\n`;
  return { ...textContent('markdown', markdown), mediaType: 'text/markdown', permissions };
}

/** Read restrictions as Confluence reports them: account ids or user names, and group names. */
export function readRestrictions(restrictions: {
  readonly user?: { readonly results?: readonly { accountId?: string; username?: string }[] };
  readonly group?: { readonly results?: readonly { name?: string }[] };
}): { users: string[]; groups: string[] } {
  return {
    users: (restrictions.user?.results ?? [])
      .map((user) => user.accountId ?? user.username ?? '')
      .filter(Boolean),
    groups: (restrictions.group?.results ?? []).map((group) => group.name ?? '').filter(Boolean),
  };
}

/** A short fingerprint of a title path, so a move or a renamed parent changes the version. */
export function pathVersion(version: number, path: readonly string[]): string {
  const hash = createHash('sha256').update(path.join('\n')).digest('base64url').slice(0, 12);
  return `${version}:${hash}`;
}
