export { FakeConfluence, type FakePage, type FakeSpace } from './fake-confluence.js';
export {
  type FakeHandler,
  type FakeRequest,
  type FakeResponse,
  FakeService,
} from './fake-service.js';
