import type { Command } from 'commander';
import type { CommandContext } from './command-context.js';
import type { ChannelAction } from './commands/channel-command.js';
import { collectionList, collectionsOption } from './command-options.js';

/** Runs a command's work with a fresh context and keeps its exit code. */
export type RunCommand = (work: (context: CommandContext) => Promise<number>) => Promise<void>;

interface ListOptions {
  readonly collection: string[];
  readonly json: boolean;
}

/**
 * `collections`, `documents` and `channel`: what the knowledge base holds, and which
 * collections a channel answers from. Each command's module loads only when it runs.
 */
export function addKnowledgeBaseCommands(program: Command, run: RunCommand): void {
  const collections = program
    .command('collections')
    .description('List the collections (documents, passages, last change), or delete one');
  collections
    .command('list', { isDefault: true })
    .description('List the collections with their documents, passages and last change')
    .option('--json', 'print them as JSON', false)
    .action((options: { json: boolean }) =>
      run(async (context) =>
        (await import('./commands/collections-command.js')).runCollections(context, options),
      ),
    );
  collections
    .command('delete')
    .description('Delete a collection: its documents, passages and vectors')
    .argument('<name>', 'the collection')
    .option('--json', 'print what was deleted as JSON', false)
    .action((name: string, options: { json: boolean }) =>
      run(async (context) =>
        (await import('./commands/collections-command.js')).runDeleteCollection(
          context,
          name,
          options,
        ),
      ),
    );

  const documents = program
    .command('documents')
    .description('List the documents of the knowledge base, or delete some');
  documents
    .command('list', { isDefault: true })
    .description('List the documents (collection, source, passages, last change)')
    .addOption(collectionsOption())
    .option('--json', 'print them as JSON', false)
    .action((options: ListOptions) =>
      run(async (context) =>
        (await import('./commands/documents-command.js')).runDocuments(context, {
          collections: options.collection,
          json: options.json,
        }),
      ),
    );
  documents
    .command('delete')
    .description('Delete documents by their source, as `knowhow documents` lists it')
    .argument('<sources...>', 'sources such as hr/leave.md')
    .addOption(collectionsOption())
    .option('--json', 'print what was deleted as JSON', false)
    .action((sources: string[], options: ListOptions) =>
      run(async (context) =>
        (await import('./commands/documents-command.js')).runDeleteDocuments(context, sources, {
          collections: options.collection,
          json: options.json,
        }),
      ),
    );

  const channel = program
    .command('channel')
    .description('Limit which collections a Slack channel or Teams conversation answers from');
  const runChannel = (request: ChannelAction) =>
    run(async (context) =>
      (await import('./commands/channel-command.js')).runChannel(context, request),
    );
  channel
    .command('set')
    .description('Answer in this channel from these collections only')
    .argument('<channel-id>', 'Slack channel id (C0123ABCD) or Teams conversation id (19:…)')
    .requiredOption('-c, --collections <names>', 'comma-separated collection names', collectionList)
    .action((id: string, options: { collections: string[] }) =>
      runChannel({ action: 'set', id, collections: options.collections }),
    );
  channel
    .command('show')
    .description("Show a channel's collections")
    .argument('<channel-id>')
    .action((id: string) => runChannel({ action: 'show', id }));
  channel
    .command('clear')
    .description('Answer in this channel from all collections again')
    .argument('<channel-id>')
    .action((id: string) => runChannel({ action: 'clear', id }));
  channel
    .command('list')
    .description('List the channels limited to some collections')
    .action(() => runChannel({ action: 'list' }));
}
