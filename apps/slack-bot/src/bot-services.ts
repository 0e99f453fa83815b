import type { ChatBotDependencies, ChatCore } from '@knowhow/bot-host';
import type { webApi } from '@slack/bolt';
import type { SlackBotConfig } from './env.js';
import type { ProgressBudget } from './progress-budget.js';

export type { BotLogger } from '@knowhow/bot-host';

/** What the command line hands the bot: the answer pipeline and the bots' shared store. */
export type SlackBotDependencies = ChatBotDependencies;

/** Everything a listener needs. */
export interface BotServices extends SlackBotDependencies, ChatCore {
  readonly config: SlackBotConfig;
  /** Progress updates go through their own client: never retried or queued behind a 429. */
  readonly progress: { readonly client: webApi.WebClient; readonly budget: ProgressBudget };
}
