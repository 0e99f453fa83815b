import type { ChatBot } from '@knowhow/bot-host';
import type { TeamsBotConfig } from './env.js';

/** Everything a turn handler needs. */
export interface TeamsServices extends ChatBot {
  readonly config: TeamsBotConfig;
}
