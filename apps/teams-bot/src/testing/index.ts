export {
  botAdded,
  channelMention,
  fakeTeams,
  feedbackInvoke,
  type Person,
  person,
  personalMessage,
  postActivity,
} from './activities.js';
export { FakeBotConnector, type FakeStream, type SentActivity } from './fake-bot-connector.js';
export { botFrameworkIssuer, FakeBotIdentity } from './fake-bot-identity.js';
