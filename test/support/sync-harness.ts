import { type SyncOptions, syncSources, type SyncTarget } from '@knowhow/rag-core';
import { sourceTypes } from '@knowhow/sources';
import { PgSyncStore } from '@knowhow/store-pgvector';
import { openTestStore, testBackends } from '@knowhow/store-pgvector/testing';

/** The engine with real adapters on an in-memory PGlite store, for source tests without the CLI. */
export async function openSyncHarness() {
  const backend = testBackends()[0];
  if (!backend) throw new Error('no test backend');
  const { store, close } = await openTestStore(backend);
  const syncStore = new PgSyncStore(store.database);
  const target = (name: string, type: string, settings: unknown): SyncTarget => ({
    name,
    type,
    collection: name,
    settings: JSON.stringify(settings),
    open: () => {
      const sourceType = sourceTypes[type];
      if (!sourceType) throw new Error(`no type ${type}`);
      return sourceType.create(sourceType.settings.parse(settings), { name });
    },
  });
  const sync = async (targets: SyncTarget[], options: Partial<SyncOptions> = {}) =>
    (await syncSources({ store, syncStore }, { targets, whenBusy: 'skip', ...options })).sources;
  const search = async (text: string, limit = 10) => store.search({ text, limit });
  return { store, syncStore, target, sync, search, close };
}
