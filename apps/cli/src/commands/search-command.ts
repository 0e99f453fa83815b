import { type CommandContext, withKnowledgeBase } from '../command-context.js';
import { formatHits, hitToJson } from '../output/format-hits.js';
import { emptyKnowledgeBase } from '../user-messages.js';

export interface SearchCommandOptions {
  readonly k: number;
  readonly collections: readonly string[];
  readonly json: boolean;
}

/** `knowhow search "<query>"`: ranked passages with source, page or section, and score. */
export async function runSearch(
  context: CommandContext,
  query: string,
  options: SearchCommandOptions,
): Promise<number> {
  return withKnowledgeBase(context, options.collections, async ({ search, store }) => {
    const { hits } = await search(query, { limit: options.k, collections: options.collections });
    // Nothing found in nothing: say that, not "no passages found".
    if (hits.length === 0 && (await store.stats()).documents === 0) {
      if (!options.json) {
        context.print(emptyKnowledgeBase);
        return 0;
      }
      context.warn(emptyKnowledgeBase);
    }
    context.print(
      options.json ? JSON.stringify(hits.map(hitToJson), null, 2) : formatHits(hits, query),
    );
    return 0;
  });
}
