import { PgConversationStore } from '@knowhow/store-pgvector';
import {
  type CommandContext,
  describeKnowledgeBase,
  unknownCollections,
  withStore,
} from '../command-context.js';
import { formatTable, formatTime } from '../output/format-table.js';
import { emptyKnowledgeBase } from '../user-messages.js';

/** `knowhow collections`: each collection with its documents, passages and last change. */
export async function runCollections(
  context: CommandContext,
  options: { readonly json: boolean },
): Promise<number> {
  return withStore(context, async (store) => {
    const collections = await store.collections();
    if (options.json) {
      context.print(
        JSON.stringify(
          collections.map((collection) => ({
            name: collection.name,
            documents: collection.documents,
            passages: collection.passages,
            last_change: collection.updatedAt.toISOString(),
          })),
          null,
          2,
        ),
      );
      return 0;
    }
    context.print(`Knowledge base: ${describeKnowledgeBase(context.env)}`);
    if (collections.length === 0) {
      context.print(emptyKnowledgeBase);
      return 0;
    }
    const rows = collections.map((collection) => [
      collection.name,
      String(collection.documents),
      String(collection.passages),
      formatTime(collection.updatedAt),
    ]);
    context.print(
      formatTable(['collection', 'documents', 'passages', 'last change'], rows, new Set([1, 2])),
    );
    return 0;
  });
}

/** `knowhow collections delete NAME`: its documents, passages and vectors; 2 if there is none. */
export async function runDeleteCollection(
  context: CommandContext,
  name: string,
  options: { readonly json: boolean },
): Promise<number> {
  return withStore(context, async (store) => {
    const unknown = await unknownCollections(store, [name]);
    if (unknown) {
      context.warn(unknown);
      return 2;
    }
    const deleted = await store.deleteDocuments({ collections: [name] });
    const passages = deleted.reduce((sum, document) => sum + document.passages, 0);
    if (options.json) {
      context.print(
        JSON.stringify({ collection: name, documents: deleted.length, passages, deleted }, null, 2),
      );
    } else {
      context.print(
        `Deleted collection "${name}": ${deleted.length} documents, ${passages} passages.`,
      );
    }
    // A channel limited to the collection now answers from nothing there: say which.
    const scoped = (await new PgConversationStore(store.database).listScopes()).filter((scope) =>
      scope.collections.includes(name),
    );
    if (scoped.length > 0) {
      context.warn(
        `Note: ${scoped.map((scope) => `${scope.platform} ${scope.conversationId}`).join(', ')} still answer${scoped.length === 1 ? 's' : ''} from "${name}" only; change that with: npx knowhow channel set <id> --collections <names> (or channel clear <id>)`,
      );
    }
    return 0;
  });
}
