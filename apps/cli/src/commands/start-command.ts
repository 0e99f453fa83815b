import { fileURLToPath } from 'node:url';
import { ingestFiles } from '@knowhow/rag-core';
import { type CommandContext, withRuntime } from '../command-context.js';
import { chatLoop } from './chat-command.js';
import { serveBots } from './serve-bots.js';

/** The sample handbook shipped with Knowhow, so a fresh clone has something to answer from. */
export const sampleHandbook = fileURLToPath(
  new URL('../../../../examples/handbook', import.meta.url),
);

/**
 * `npm start`: with Slack or Teams configured, those bots. Without chat-platform credentials, the
 * local chat; an empty knowledge base is first given the sample handbook (never in a real
 * workspace, where made-up policies would be answered as the company's).
 */
export async function runStart(context: CommandContext): Promise<number> {
  if (context.env.slack || context.env.teams)
    return serveBots(context, ['slack', 'teams'], { sync: true });
  return withRuntime(context, 'ingest', async (runtime) => {
    if ((await runtime.store.stats()).documents === 0) {
      context.print(
        `The knowledge base is empty, so it starts with the sample handbook (${sampleHandbook}).`,
      );
      const summary = await ingestFiles(
        {
          store: runtime.store,
          log: runtime.log,
          ...(runtime.embedder ? { embedder: runtime.embedder } : {}),
        },
        { paths: [sampleHandbook], collection: 'handbook' },
      );
      context.print(
        `Added ${summary.added} documents (${summary.chunks} passages). Add your own with: npx knowhow ingest <folder>\n`,
      );
    }
    return chatLoop(context, runtime, { collections: [] });
  });
}
