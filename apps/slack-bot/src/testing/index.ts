export { type FakeMessage } from './fake-channels.js';
export {
  fakeBot,
  FakeSlackServer,
  type ResponseUrlPost,
  type SlackCall,
  streamedText,
} from './fake-slack-server.js';
export {
  buttonClick,
  commandFields,
  directMessageEvent,
  eventEnvelope,
  httpBody,
  mentionEvent,
  type PostResult,
  postSigned,
  type SignedPostOptions,
  slackSignature,
} from './slack-requests.js';
