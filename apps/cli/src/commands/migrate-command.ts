import { openKnowledgeStore } from '@knowhow/store-pgvector';
import type { CommandContext } from '../command-context.js';
import { storeOptions } from '../open-runtime.js';

/** `knowhow migrate`: applies pending migrations (every command also does this at start). */
export async function runMigrate(context: CommandContext): Promise<number> {
  const applied: string[] = [];
  const store = await openKnowledgeStore({
    ...storeOptions(context.env, context.logger),
    onMigrationApplied: (name) => applied.push(name),
  });
  await store.close();
  context.print(
    applied.length > 0 ? `Applied ${applied.join(', ')}.` : 'The database schema is up to date.',
  );
  return 0;
}
