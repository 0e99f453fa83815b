import type { Platform } from '@knowhow/rag-core';
import { PgConversationStore } from '@knowhow/store-pgvector';
import { type CommandContext, withStore } from '../command-context.js';

/** Teams conversation ids hold colons ("19:…@thread.tacv2"); Slack's are like C0123ABCD. */
function platformOf(conversationId: string): Platform | undefined {
  if (conversationId.includes(':')) return 'teams';
  return /^[CDG][A-Z0-9]{2,}$/.test(conversationId) ? 'slack' : undefined;
}

export type ChannelAction =
  | { readonly action: 'set'; readonly id: string; readonly collections: readonly string[] }
  | { readonly action: 'show' | 'clear'; readonly id: string }
  | { readonly action: 'list' };

const describeScope = (collections: readonly string[]) =>
  collections.length > 0 ? `collections ${collections.join(', ')}` : 'all collections';

/**
 * `knowhow channel set|show|clear|list`: which collections a Slack channel or Teams
 * conversation draws its answers from (unset: all).
 */
export async function runChannel(context: CommandContext, request: ChannelAction): Promise<number> {
  // Scopes belong to a knowledge base: none is created here (run in the wrong folder, it says so).
  return withStore(context, async (store) => {
    const conversations = new PgConversationStore(store.database);
    if (request.action === 'list') {
      const scopes = await conversations.listScopes();
      if (scopes.length === 0)
        context.print('No channel is limited: every channel answers from all collections.');
      for (const scope of scopes) {
        context.print(
          `${scope.platform} ${scope.conversationId}: ${describeScope(scope.collections)}`,
        );
      }
      return 0;
    }
    const platform = platformOf(request.id);
    if (!platform) {
      context.warn(
        `"${request.id}" is not a channel id. Use the Slack channel id (like C0123ABCD, at the bottom of the channel's About tab) or the Teams conversation id (19:…).`,
      );
      return 2;
    }
    if (request.action === 'show') {
      const collections = await conversations.collectionsFor(platform, request.id);
      context.print(`${platform} ${request.id} answers from ${describeScope(collections)}.`);
      return 0;
    }
    const collections = request.action === 'set' ? request.collections : [];
    await conversations.setCollections(platform, request.id, collections);
    context.print(`${platform} ${request.id} now answers from ${describeScope(collections)}.`);
    const existing = new Set((await store.collections()).map((collection) => collection.name));
    const empty = collections.filter((name) => !existing.has(name));
    if (empty.length > 0) {
      context.warn(
        `Note: ${empty.join(', ')} ${empty.length > 1 ? 'hold' : 'holds'} no documents yet; add some with: npx knowhow ingest <folder> --collection ${empty[0] ?? ''}`,
      );
    }
    return 0;
  });
}
