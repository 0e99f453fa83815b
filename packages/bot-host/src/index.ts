export {
  type BotHost,
  type BotHostOptions,
  createBotHost,
  databaseHealth,
  type HealthCheck,
  readBody,
  type RouteHandler,
} from './bot-host.js';
export { type BotMetrics, createBotMetrics } from './bot-metrics.js';
export {
  type BotLogger,
  type ChatBot,
  type ChatBotDependencies,
  type ChatBotOptions,
  createChatBot,
  type RunningChatBot,
} from './create-chat-bot.js';
