import type { ChatBot } from '@knowhow/bot-host';
import type { ProgressBudget } from '@knowhow/rag-core';
import type { webApi } from '@slack/bolt';
import type { SlackBotConfig } from './env.js';

/** Everything a listener needs. */
export interface BotServices extends ChatBot<SlackBotConfig> {
  /** Progress updates go through their own client: never retried or queued behind a 429. */
  readonly progress: { readonly client: webApi.WebClient; readonly budget: ProgressBudget };
}
