import type { ChatBotDependencies, ChatCore } from '@knowhow/bot-host';
import type { TeamsBotConfig } from './env.js';

export type { BotLogger } from '@knowhow/bot-host';

/** What the command line hands the bot: the answer pipeline and the bots' shared store. */
export type TeamsBotDependencies = ChatBotDependencies;

/** Everything a turn handler needs. */
export interface TeamsServices extends TeamsBotDependencies, ChatCore {
  readonly config: TeamsBotConfig;
}
