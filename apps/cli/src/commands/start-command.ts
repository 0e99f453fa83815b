import { ingestFiles } from '@knowhow/rag-core';
import { type CommandContext, withRuntime } from '../command-context.js';
import { sampleCollection, sampleHandbook } from '../sample-handbook.js';
import { chatLoop } from './chat-command.js';
import { serveBots } from './serve-bots.js';

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
        { paths: [sampleHandbook], collection: sampleCollection },
      );
      context.print(
        `Added ${summary.added} documents (${summary.chunks} passages) to collection "${sampleCollection}". Add your own with: npx knowhow ingest <folder> --collection <name>; remove the sample with: npx knowhow collections delete ${sampleCollection}\n`,
      );
    }
    return chatLoop(context, runtime, { collections: [] });
  });
}
