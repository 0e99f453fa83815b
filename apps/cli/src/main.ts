import { Command, InvalidArgumentError } from 'commander';
import type { CommandContext } from './command-context.js';
import { runEval } from './commands/eval-command.js';
import { runIngest } from './commands/ingest-command.js';
import { runMigrate } from './commands/migrate-command.js';
import { runSearch } from './commands/search-command.js';
import { loadEnvironment } from './env.js';
import { createLogger } from './logger.js';
import { describeCommandError } from './user-messages.js';

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 100)
    throw new InvalidArgumentError('expected a whole number from 1 to 100');
  return number;
}

function integerList(value: string): number[] {
  return value.split(',').map((part) => positiveInteger(part.trim()));
}

// `--collection hr --collection it` and `--collection hr,it` both work.
function collect(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  ];
}

/** Runs the `knowhow` command line; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const stopping = stopOnSignals();
  const context = (): CommandContext => {
    const env = loadEnvironment();
    return {
      env,
      logger: createLogger(env.LOG_LEVEL),
      print: (text) => process.stdout.write(`${text}\n`),
      warn: (text) => process.stderr.write(`${text}\n`),
      interactive: Boolean(process.stderr.isTTY),
      signal: stopping.signal,
    };
  };
  const program = new Command()
    .name('knowhow')
    .description('Ask your company documents: ingest, search and evaluate the knowledge base.')
    .showHelpAfterError()
    .exitOverride();
  program
    .command('ingest')
    .description('Add or update documents (md, txt, html, pdf, docx) from files and folders')
    .argument('<paths...>', 'files and folders to ingest')
    .option('-c, --collection <name>', 'collection to put the documents in', 'default')
    .option(
      '--prune',
      'remove documents under the given folders whose files no longer exist',
      false,
    )
    .option('--json', 'print the summary as JSON', false)
    .action(
      async (paths: string[], options: { collection: string; prune: boolean; json: boolean }) => {
        exitCode = await runIngest(context(), paths, options);
      },
    );
  program
    .command('search')
    .description('Find the passages that best match a question (hybrid: vectors + keywords)')
    .argument('<query>', 'what to look for')
    .option('-k, --k <count>', 'number of passages', positiveInteger, 5)
    .option(
      '-c, --collection <name>',
      'only this collection (repeatable, or comma-separated)',
      collect,
      [],
    )
    .option('--json', 'print passages as JSON', false)
    .action(async (query: string, options: { k: number; collection: string[]; json: boolean }) => {
      exitCode = await runSearch(context(), query, {
        k: options.k,
        collections: options.collection,
        json: options.json,
      });
    });
  program
    .command('eval')
    .description('Measure retrieval quality (hit@k, MRR) on questions with known sources')
    .argument(
      '<file>',
      'JSON Lines: {"question", "sources": [{"source", "page"}]} or {"question", "truth": "… [file#page=N]"}',
    )
    .option('--k <list>', 'cut-offs, comma-separated', integerList, [1, 3, 5, 10])
    .option(
      '-c, --collection <name>',
      'only this collection (repeatable, or comma-separated)',
      collect,
      [],
    )
    .option('--json', 'print metrics as JSON', false)
    .option('--verbose', 'list the questions whose expected source was not found', false)
    .action(
      async (
        file: string,
        options: { k: number[]; collection: string[]; json: boolean; verbose: boolean },
      ) => {
        exitCode = await runEval(context(), file, {
          ks: options.k,
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
      exitCode = await runMigrate(context());
    });
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    // Commander has printed usage errors and help itself.
    if (isCommanderExit(error)) return error.exitCode === 0 ? 0 : 2;
    process.stderr.write(`${describeCommandError(error)}\n`);
    return 1;
  }
}

/**
 * The first Ctrl-C (or SIGTERM) asks the running command to stop at the next safe point, such
 * as after the document being written; the second one quits at once.
 */
function stopOnSignals(): AbortController {
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    process.stderr.write('\nStopping after the current step… (press Ctrl-C again to quit now)\n');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return controller;
}

function isCommanderExit(error: unknown): error is { exitCode: number } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    String(error.code).startsWith('commander.')
  );
}
