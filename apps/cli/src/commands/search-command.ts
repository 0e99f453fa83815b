import { type CommandContext, withRuntime } from '../command-context.js';
import { formatHits, hitToJson } from '../output/format-hits.js';

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
  return withRuntime(context, 'search', async ({ search }) => {
    const { hits } = await search(query, { limit: options.k, collections: options.collections });
    context.print(
      options.json ? JSON.stringify(hits.map(hitToJson), null, 2) : formatHits(hits, query),
    );
    return 0;
  });
}
