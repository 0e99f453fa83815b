// The worker thread of DocumentPreparer: one document at a time, on a thread the main
// thread may terminate at the budget.
import { parentPort } from 'node:worker_threads';
import { describeError, isKnowhowError } from '../../errors.js';
import { countTokens } from '../chunk/count-tokens.js';
import { prepareDocument } from './prepare-document.js';
import type { WorkerReply, WorkerRequest } from './worker-messages.js';

const port = parentPort;
if (!port) throw new Error('prepare-worker runs as a worker thread');

// Everything a document may need is loaded before the first budget starts.
await Promise.all([
  import('@langchain/textsplitters'),
  import('../load/load-html.js'),
  import('../load/load-pdf.js'),
  import('../load/load-docx.js'),
]);
countTokens('ready');

port.on('message', (message: WorkerRequest) => {
  void prepareDocument(message.request, message.options).then(
    (document) => port.postMessage({ id: message.id, ok: true, document } satisfies WorkerReply),
    (error: unknown) =>
      port.postMessage({
        id: message.id,
        ok: false,
        code: isKnowhowError(error) ? error.code : 'parse_failed',
        message: isKnowhowError(error)
          ? error.message
          : `could not be parsed: ${describeError(error)}`,
      } satisfies WorkerReply),
  );
});
port.postMessage('ready' satisfies WorkerReply);
