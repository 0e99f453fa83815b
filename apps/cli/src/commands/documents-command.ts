import {
  type CommandContext,
  describeKnowledgeBase,
  unknownCollections,
  withStore,
} from '../command-context.js';
import { formatTable, formatTime } from '../output/format-table.js';
import { emptyKnowledgeBase } from '../user-messages.js';

/** `knowhow documents [--collection C]…`: every document with its passages and last change. */
export async function runDocuments(
  context: CommandContext,
  options: { readonly collections: readonly string[]; readonly json: boolean },
): Promise<number> {
  return withStore(context, async (store) => {
    const unknown = await unknownCollections(store, options.collections);
    if (unknown) {
      context.warn(unknown);
      return 2;
    }
    const documents = await store.documents(options.collections);
    if (options.json) {
      context.print(
        JSON.stringify(
          documents.map((document) => ({
            collection: document.collection,
            source: document.source,
            title: document.title,
            passages: document.passages,
            size_bytes: document.sizeBytes,
            last_change: document.updatedAt.toISOString(),
          })),
          null,
          2,
        ),
      );
      return 0;
    }
    context.print(`Knowledge base: ${describeKnowledgeBase(context.env)}`);
    if (documents.length === 0) {
      context.print(emptyKnowledgeBase);
      return 0;
    }
    const rows = documents.map((document) => [
      document.collection,
      document.source,
      String(document.passages),
      formatTime(document.updatedAt),
    ]);
    context.print(
      formatTable(['collection', 'source', 'passages', 'last change'], rows, new Set([2])),
    );
    return 0;
  });
}

/**
 * `knowhow documents delete <source>… [--collection C]…`: the documents with these sources
 * (as `knowhow documents` shows them), in every collection unless one is given. 1 when a
 * source matched nothing; the others are deleted all the same.
 */
export async function runDeleteDocuments(
  context: CommandContext,
  sources: readonly string[],
  options: { readonly collections: readonly string[]; readonly json: boolean },
): Promise<number> {
  return withStore(context, async (store) => {
    const unknown = await unknownCollections(store, options.collections);
    if (unknown) {
      context.warn(unknown);
      return 2;
    }
    const deleted = await store.deleteDocuments({ collections: options.collections, sources });
    const missing = sources.filter((source) => !deleted.some((item) => item.source === source));
    if (options.json) {
      context.print(JSON.stringify({ deleted, not_found: missing }, null, 2));
    } else {
      for (const document of deleted) {
        context.print(
          `Deleted ${document.source} from collection "${document.collection}" (${document.passages} passages).`,
        );
      }
      if (deleted.length === 0) context.print('Nothing was deleted.');
    }
    for (const source of missing) {
      const scope = options.collections.length > 0 ? ` in ${options.collections.join(', ')}` : '';
      context.warn(
        `Not found: ${source}${scope}. \`npx knowhow documents\` lists the sources of ${describeKnowledgeBase(context.env)}.`,
      );
    }
    return missing.length > 0 ? 1 : 0;
  });
}
