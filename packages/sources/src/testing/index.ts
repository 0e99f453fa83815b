export { FakeConfluence, type FakePage, type FakeSpace } from './fake-confluence.js';
export {
  type FakeHandler,
  type FakeRequest,
  type FakeResponse,
  FakeService,
} from './fake-service.js';
export { type FakeWebPage, FakeWebsite } from './fake-website.js';
export { FakeGraph } from './fake-graph.js';
export { FakeGithub } from './fake-github.js';
export { type FakeNotionBlock, FakeNotion, notionBlock, notionText } from './fake-notion.js';
export { FakeGoogleDrive } from './fake-google-drive.js';
