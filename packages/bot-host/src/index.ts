export {
  type BotHost,
  type BotHostOptions,
  createBotHost,
  databaseHealth,
  type HealthCheck,
  type RouteHandler,
} from './bot-host.js';
export { type BotMetrics, createBotMetrics } from './bot-metrics.js';
export {
  type BotLogger,
  type ChatBotDependencies,
  type ChatCore,
  createChatCore,
} from './create-chat-core.js';
