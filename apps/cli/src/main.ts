import { readFileSync } from 'node:fs';
import { defaultCollection, type SearchMode } from '@knowhow/rag-core';
import { Command, Option } from 'commander';
import type { CommandContext } from './command-context.js';
import {
  collectionsOption,
  resultCount,
  resultCounts,
  singleCollection,
} from './command-options.js';
import { loadEnvironment, loadVariables } from './env.js';
import { addKnowledgeBaseCommands } from './knowledge-base-commands.js';
import { createLogger } from './logger.js';
import { stopGracefully } from './stop-gracefully.js';

// Read at run time: dist/ and src/ are both one level below the package.
const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };

interface Collections {
  readonly collection: string[];
}

/**
 * Runs the `knowhow` command line; resolves to the process exit code. Each command's module
 * loads when it runs: `--version` or `search` never load the bots, the parsers or the model.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  // Commands log errors only by default; the bots, running as services, log from info.
  // `service: 'bots'`: a service exactly when a chat bot is configured (`knowhow start`).
  const context = (
    options: { bots?: boolean; service?: boolean | 'bots' } = {},
  ): CommandContext => {
    const env = loadEnvironment(undefined, undefined, { bots: options.bots === true });
    const service =
      options.service === 'bots' ? Boolean(env.slack || env.teams) : options.service === true;
    const warn = (text: string) => process.stderr.write(`${text}\n`);
    return {
      env,
      variables: loadVariables(),
      directory: process.cwd(),
      logger: createLogger(env.LOG_LEVEL ?? (service ? 'info' : 'error')),
      print: (text) => process.stdout.write(`${text}\n`),
      write: (text) => process.stdout.write(text),
      warn,
      interactive: Boolean(process.stderr.isTTY),
      stopGracefully: () => stopGracefully(warn),
    };
  };
  const program = new Command()
    .name('knowhow')
    .description('Ask your company documents: ingest, search and evaluate the knowledge base.')
    .version(`knowhow ${version} (Node.js ${process.version})`, '-V, --version')
    .showHelpAfterError()
    .exitOverride();
  program
    .command('ingest')
    .description('Add or update documents (md, txt, html, pdf, docx) from files and folders')
    .argument('<paths...>', 'files and folders to ingest')
    .option(
      '-c, --collection <name>',
      `the one collection to put the documents in (default: "${defaultCollection}")`,
      singleCollection,
    )
    .option(
      '--prune',
      'remove documents under the given folders whose files no longer exist',
      false,
    )
    .option('--json', 'print the summary as JSON', false)
    .action(
      async (paths: string[], options: { collection?: string; prune: boolean; json: boolean }) => {
        exitCode = await (
          await import('./commands/ingest-command.js')
        ).runIngest(context(), paths, {
          ...options,
          collection: options.collection ?? defaultCollection,
        });
      },
    );
  program
    .command('sync')
    .description(
      'Bring the sources in knowhow.yaml up to date: new, changed and deleted pages and files',
    )
    .option('-s, --source <name>', 'only this source')
    .option(
      '--json',
      'print {sources: [{name, type, added, updated, deleted, unchanged, failed, error}]}',
      false,
    )
    .option(
      '--schedule',
      'keep syncing every KNOWHOW_SYNC_INTERVAL (default 15m) until Ctrl-C or SIGTERM',
      false,
    )
    .action(async (options: { source?: string; json: boolean; schedule: boolean }) => {
      exitCode = await (
        await import('./commands/sync-command.js')
      ).runSync(context({ service: options.schedule }), {
        json: options.json,
        schedule: options.schedule,
        ...(options.source ? { source: options.source } : {}),
      });
    });
  program
    .command('sources')
    .description('List the sources with their last sync, its result and their documents')
    .option('--json', 'print the sources as JSON', false)
    .action(async (options: { json: boolean }) => {
      exitCode = await (
        await import('./commands/sources-command.js')
      ).runSources(context(), options);
    });
  program
    .command('search')
    .description('Find the passages that best match a question (hybrid: vectors + keywords)')
    .argument('<query>', 'what to look for')
    .option('-k, --k <count>', 'number of passages', resultCount, 5)
    .addOption(collectionsOption())
    .option('--json', 'print passages as JSON', false)
    .action(async (query: string, options: Collections & { k: number; json: boolean }) => {
      exitCode = await (
        await import('./commands/search-command.js')
      ).runSearch(context(), query, {
        k: options.k,
        collections: options.collection,
        json: options.json,
      });
    });
  program
    .command('ask')
    .description('Answer a question from the knowledge base, citing the sources')
    .argument('<question>', 'what to ask')
    .addOption(collectionsOption())
    .option('--json', 'print {status, answer, citations, …} as JSON', false)
    .action(async (question: string, options: Collections & { json: boolean }) => {
      exitCode = await (
        await import('./commands/ask-command.js')
      ).runAsk(context(), question, {
        collections: options.collection,
        json: options.json,
      });
    });
  program
    .command('chat')
    .description('Ask questions one after another, with follow-ups (Ctrl-D to quit)')
    .addOption(collectionsOption())
    .action(async (options: Collections) => {
      exitCode = await (
        await import('./commands/chat-command.js')
      ).runChat(context(), { collections: options.collection });
    });
  program
    .command('start')
    .description(
      'What `npm start` runs: the Slack and Teams bots that are configured; otherwise the local chat, with the sample handbook if the knowledge base is empty',
    )
    .action(async () => {
      exitCode = await (
        await import('./commands/start-command.js')
      ).runStart(context({ bots: true, service: 'bots' }));
    });
  program
    .command('slack')
    .description('Answer in Slack: @mentions, /kb and DMs (needs the SLACK_* variables)')
    .action(async () => {
      exitCode = await (
        await import('./commands/serve-bots.js')
      ).serveBots(context({ bots: true, service: true }), ['slack']);
    });
  program
    .command('teams')
    .description('Answer in Microsoft Teams: chats and channel mentions (needs MicrosoftAppId, …)')
    .action(async () => {
      exitCode = await (
        await import('./commands/serve-bots.js')
      ).serveBots(context({ bots: true, service: true }), ['teams']);
    });
  program
    .command('teams-app')
    .description(
      'Build the Teams app package (zip) for the bot in MicrosoftAppId, to upload in Teams',
    )
    .option('-o, --out <file>', 'where to write the zip (- for stdout)', 'knowhow-teams-app.zip')
    .option('--app-version <version>', 'the app version, e.g. 1.0.1 (raise it for each upload)')
    .option('--website <url>', "an https page about the app, linked from Teams' app details")
    .action(async (options: { out: string; appVersion?: string; website?: string }) => {
      exitCode = await (
        await import('./commands/teams-app-command.js')
      ).runTeamsApp(context(), {
        out: options.out,
        ...(options.appVersion ? { version: options.appVersion } : {}),
        ...(options.website ? { website: options.website } : {}),
      });
    });
  addKnowledgeBaseCommands(program, async (work) => {
    exitCode = await work(context());
  });
  program
    .command('eval')
    .description(
      'Measure retrieval quality (hit@k, MRR), the not_found decision and, with a language model, answer quality on questions with known sources',
    )
    .argument(
      '<files...>',
      'JSON Lines: {"question", "sources": [{"source", "page", "section"}]}, {"question", "truth": "… [file#page=N]"} or {"question", "not_found": true}',
    )
    .option('--k <list>', 'cut-offs, comma-separated', resultCounts, [1, 3, 5, 10])
    .addOption(
      new Option('--mode <mode>', 'rank by both lists fused, or one of them')
        .choices(['hybrid', 'keyword', 'vector'])
        .default('hybrid'),
    )
    .addOption(collectionsOption())
    .option('--json', 'print metrics as JSON', false)
    .option('--verbose', 'list the questions whose expected source was not found', false)
    .action(
      async (
        files: string[],
        options: Collections & { k: number[]; mode: SearchMode; json: boolean; verbose: boolean },
      ) => {
        exitCode = await (
          await import('./commands/eval-command.js')
        ).runEval(context(), files, {
          ks: options.k,
          mode: options.mode,
          collections: options.collection,
          json: options.json,
          verbose: options.verbose,
        });
      },
    );
  program
    .command('migrate')
    .description('Apply pending database migrations (also done automatically at start)')
    .action(async () => {
      exitCode = await (await import('./commands/migrate-command.js')).runMigrate(context());
    });
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    // Commander has printed usage errors and help itself.
    if (isCommanderExit(error)) return error.exitCode === 0 ? 0 : 2;
    const { describeCommandError } = await import('./user-messages.js');
    process.stderr.write(`${describeCommandError(error)}\n`);
    return 1;
  }
}

function isCommanderExit(error: unknown): error is { exitCode: number } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    String(error.code).startsWith('commander.')
  );
}
