import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { KnowhowError } from '@knowhow/rag-core';
import { type SlackBotConfig, slackEnvironment } from '@knowhow/slack-bot/env';
import { type TeamsBotConfig, teamsEnvironment, teamsRequested } from '@knowhow/teams-bot/env';
import { z } from 'zod';
import { describeEnvironmentIssue } from './describe-environment-issue.js';
import { findUp } from './find-up.js';

const optionalText = z.string().trim().min(1).optional();

/** Knowhow's own variables (the chat platforms' are in their packages). */
export const knowhowEnvironment = z
  .object({
    DATABASE_URL: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    KNOWHOW_DATA_DIR: z.string().trim().min(1).default('.knowhow'),
    KNOWHOW_EMBEDDINGS: z.enum(['local', 'openai', 'none']).default('local'),
    KNOWHOW_EMBEDDING_MODEL: optionalText,
    KNOWHOW_EMBEDDING_DIMENSIONS: z.coerce.number().int().positive().optional(),
    KNOWHOW_MODEL_DIR: optionalText,
    KNOWHOW_MAX_FILE_MB: z.coerce.number().positive().default(50),
    // Each file is parsed in a worker within these budgets, or reported and skipped.
    KNOWHOW_PARSE_TIMEOUT_S: z.coerce.number().positive().default(10),
    KNOWHOW_PARSE_MEMORY_MB: z.coerce.number().int().min(64).default(512),
    // Unset: answers come from OpenAI (or OPENAI_BASE_URL) when a key or URL is configured,
    // otherwise as excerpts without a language model.
    KNOWHOW_LLM: z.enum(['openai', 'none']).optional(),
    KNOWHOW_CHAT_MODEL: optionalText,
    KNOWHOW_LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).default(60_000),
    // A second ranking of the top fused passages; `llm` uses the configured chat model,
    // `local` a cross-encoder under KNOWHOW_MODEL_DIR.
    KNOWHOW_RERANKER: z
      .enum(['none', 'llm', 'local', 'cohere', 'jina', 'voyage', 'tei'])
      .default('none'),
    KNOWHOW_RERANK_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .optional(),
    KNOWHOW_RERANK_API_KEY: optionalText,
    KNOWHOW_RERANK_MODEL: optionalText,
    KNOWHOW_RERANK_CANDIDATES: z.coerce.number().int().min(2).max(100).default(30),
    KNOWHOW_RERANK_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
    // With a chat model: `multi` also searches up to 3 rephrasings of the question, `hyde` a
    // passage the model imagines answering it, fused with the question's own hits. Off by
    // default: a model call (up to 2.5 s) and 2–3× the searches per question, for a gain only
    // measured with a fake model (docs/benchmarks.md); a real model's is unmeasured.
    KNOWHOW_QUERY_REWRITE: z.enum(['none', 'multi', 'hyde']).default('none'),
    OPENAI_API_KEY: optionalText,
    OPENAI_BASE_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .optional(),
    // Unset: errors only for commands, which tell users what happened themselves; info for
    // the chat bots, which run as services.
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    // Where the sources are listed; default knowhow.yaml in the working directory.
    KNOWHOW_CONFIG: optionalText,
    // How often `knowhow start` syncs every source: 15m, 1h, 30s; 0 turns it off. Default 15m.
    KNOWHOW_SYNC_INTERVAL: z
      .string()
      .trim()
      .regex(/^\d+(ms|s|m|h|d)?$/, 'must be a duration such as 15m, 1h or 30s (0 turns it off)')
      .transform(durationMs)
      .optional(),
    // Read here too, not only with the Teams bot's settings: packaging the app needs no secret.
    MicrosoftAppId: optionalText,
  })
  .superRefine((env, context) => {
    if (env.KNOWHOW_RERANKER === 'tei' && !env.KNOWHOW_RERANK_URL) {
      context.addIssue({
        code: 'custom',
        path: ['KNOWHOW_RERANK_URL'],
        message: 'is required when KNOWHOW_RERANKER=tei (the address of your TEI server)',
      });
    }
    for (const [name, value] of [
      ['KNOWHOW_EMBEDDINGS', env.KNOWHOW_EMBEDDINGS],
      ['KNOWHOW_LLM', env.KNOWHOW_LLM],
    ] as const) {
      if (value === 'openai' && !env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) {
        context.addIssue({
          code: 'custom',
          path: ['OPENAI_API_KEY'],
          message: `is required when ${name}=openai (or set OPENAI_BASE_URL for a local server)`,
        });
      }
    }
  })
  .transform((env) => ({
    ...env,
    KNOWHOW_LLM: env.KNOWHOW_LLM ?? (env.OPENAI_API_KEY || env.OPENAI_BASE_URL ? 'openai' : 'none'),
  }));

const units: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** `15m` → 900000; a bare number is seconds. */
function durationMs(value: string): number {
  const [, amount = '0', unit = 's'] = /^(\d+)([a-z]*)$/.exec(value) ?? [];
  return Number(amount) * (units[unit] ?? 1000);
}

export const defaultSyncIntervalMs = 15 * 60_000;

export type Environment = Readonly<
  z.infer<typeof knowhowEnvironment> & {
    /**
     * Where KNOWHOW_DATA_DIR came from: set by the user, the nearest `.knowhow` found in the
     * working folder or above, or `.knowhow` here, not created yet.
     */
    dataDirectoryOrigin: 'configured' | 'found' | 'new';
    /** Set when any Slack variable is: the Slack bot runs. */
    slack?: SlackBotConfig;
    /** Set when MicrosoftAppId (or TEAMS_ALLOW_ANONYMOUS=true) is: the Teams bot runs. */
    teams?: TeamsBotConfig;
  }
>;

const slackVariables = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'];

/**
 * The environment with `.env` files beneath it (the environment wins): the one in the working
 * directory over the one in the knowledge base's project folder, found as git finds .git.
 * Empty values count as unset, as most .env tooling treats them. Also what `${VAR}` in
 * knowhow.yaml refers to.
 */
export function loadVariables(
  variables: NodeJS.ProcessEnv = process.env,
  directory: string = process.cwd(),
): Readonly<Record<string, string>> {
  const found = findUp('.knowhow', directory);
  const project = found ? dirname(found) : directory;
  const fromFile = { ...readDotenv(project), ...readDotenv(directory) };
  return Object.fromEntries(
    Object.entries({ ...fromFile, ...variables }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== '',
    ),
  );
}

/**
 * The configuration, from the environment and a `.env` file in the working directory or the
 * knowledge base's project folder (the environment wins). Every invalid variable is listed
 * in one message. The only reader of
 * process.env. The chat platforms' variables are read only for the commands that run the
 * bots (`options.bots`), so a Slack typo never stops an ingest.
 */
export function loadEnvironment(
  variables: NodeJS.ProcessEnv = process.env,
  directory: string = process.cwd(),
  options: { readonly bots?: boolean } = {},
): Environment {
  const merged: Record<string, string> = { ...loadVariables(variables, directory) };
  // The knowledge base is found as git finds .git: in this folder or the nearest above it.
  const found = findUp('.knowhow', directory);
  const dataDirectoryOrigin = merged['KNOWHOW_DATA_DIR'] ? 'configured' : found ? 'found' : 'new';
  if (found && !merged['KNOWHOW_DATA_DIR']) merged['KNOWHOW_DATA_DIR'] = found;
  const base = knowhowEnvironment.safeParse(merged);
  const slack =
    options.bots && slackVariables.some((name) => name in merged)
      ? slackEnvironment.safeParse(merged)
      : undefined;
  const teams =
    options.bots && teamsRequested(merged) ? teamsEnvironment.safeParse(merged) : undefined;
  const issues = [
    ...(base.error?.issues ?? []),
    ...(slack?.error?.issues ?? []),
    ...(teams?.error?.issues ?? []),
  ].map((issue) => `  ${describeEnvironmentIssue(issue, merged)}`);
  if (issues.length > 0) {
    throw new KnowhowError('invalid_configuration', `Invalid configuration:\n${issues.join('\n')}`);
  }
  return Object.freeze({
    ...(base.data as z.infer<typeof knowhowEnvironment>),
    dataDirectoryOrigin,
    ...(slack?.data ? { slack: slack.data } : {}),
    ...(teams?.data ? { teams: teams.data } : {}),
  });
}

function readDotenv(directory: string): Record<string, string | undefined> {
  const path = resolve(directory, '.env');
  return existsSync(path) ? parseEnv(readFileSync(path, 'utf8')) : {};
}
