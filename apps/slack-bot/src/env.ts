import { z } from 'zod';

/** How the bot reaches Slack: a Socket Mode connection, or Slack POSTing to our HTTP port. */
export type SlackConnection =
  | { readonly mode: 'socket'; readonly appToken: string }
  | { readonly mode: 'http'; readonly signingSecret: string };

const text = z.string().trim().min(1);

/**
 * The Slack bot's variables. The command line reads the environment (and `.env`) and parses
 * it with this schema; `SLACK_BOT_TOKEN` being set is what turns the bot on.
 */
export const slackEnvironment = z
  .object({
    SLACK_BOT_TOKEN: z
      .string({
        error:
          "is required: the app's Bot User OAuth Token (xoxb-…), from OAuth & Permissions in the app's settings",
      })
      .trim()
      .regex(/^xoxb-/, 'must be a bot token, starting with xoxb-'),
    SLACK_APP_TOKEN: text
      .regex(/^xapp-/, 'must be an app-level token, starting with xapp-')
      .optional(),
    SLACK_SIGNING_SECRET: text.optional(),
    SLACK_API_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' })
      .default('https://slack.com/api/'),
    SLACK_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
    PORT: z.coerce.number().int().min(0).max(65_535).optional(),
    SLACK_COMMAND: text.regex(/^\/[\w-]+$/, 'must be a slash command such as /kb').default('/kb'),
    SLACK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
    SLACK_HISTORY_MESSAGES: z.coerce.number().int().min(0).max(200).default(20),
    SLACK_STREAM_INTERVAL_MS: z.coerce.number().int().min(100).default(1000),
    SLACK_STREAMING: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
  })
  .superRefine(
    (env, context) => {
      if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
        context.addIssue({
          code: 'custom',
          path: ['SLACK_APP_TOKEN'],
          message:
            'is required for Socket Mode; or set SLACK_SIGNING_SECRET to receive events over HTTP',
        });
      }
      // Checked even when another variable is invalid, so one message lists every problem.
    },
    { when: () => true },
  )
  .transform((env) => ({
    botToken: env.SLACK_BOT_TOKEN,
    // Socket Mode wins when both are set: it needs no public URL.
    connection: (env.SLACK_APP_TOKEN
      ? { mode: 'socket', appToken: env.SLACK_APP_TOKEN }
      : { mode: 'http', signingSecret: env.SLACK_SIGNING_SECRET ?? '' }) as SlackConnection,
    /** The Web API base URL: Slack's, a proxy's, GovSlack's or a test server's. */
    apiUrl: env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/`,
    /** HTTP mode: Slack's requests, /healthz and /metrics; Socket Mode: the last two. */
    port: env.SLACK_PORT ?? env.PORT ?? 3000,
    /** The slash command, as named in the app manifest. */
    command: env.SLACK_COMMAND,
    rateLimitPerMinute: env.SLACK_RATE_LIMIT_PER_MINUTE,
    /** Earlier thread or DM messages read for a follow-up's context. */
    historyMessages: env.SLACK_HISTORY_MESSAGES,
    /** How often a streaming answer's message is updated. */
    streamIntervalMs: env.SLACK_STREAM_INTERVAL_MS,
    /** Slack's native streaming and thread status in threads; else placeholder updates. */
    streaming: env.SLACK_STREAMING === 'true',
  }));

export type SlackBotConfig = Readonly<z.output<typeof slackEnvironment>>;
