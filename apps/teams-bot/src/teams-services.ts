import type { ChatBot } from '@knowhow/bot-host';
import type { TeamsBotConfig } from './env.js';

/** Everything a turn handler needs: the chat bot, bound to the Teams bot's configuration. */
export type TeamsServices = ChatBot<TeamsBotConfig>;
