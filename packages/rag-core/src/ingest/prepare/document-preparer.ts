import { Worker } from 'node:worker_threads';
import type { KnowhowErrorCode } from '../../errors.js';
import type { PreparedDocument, PrepareOptions, PrepareRequest } from './prepare-document.js';
import type { WorkerReply, WorkerRequest } from './worker-messages.js';

export interface DocumentPreparerOptions extends PrepareOptions {
  /** CPU time one document may take to parse and chunk, plus `timePerMegabyteMs` per MB. */
  readonly timeBudgetMs?: number;
  readonly timePerMegabyteMs?: number;
  /** Memory one document may take to parse and chunk (the worker's heap and buffers). */
  readonly memoryBudgetMb?: number;
}

export type PrepareOutcome =
  | { readonly ok: true; readonly document: PreparedDocument }
  | { readonly ok: false; readonly code: KnowhowErrorCode; readonly message: string };

export interface DocumentPreparer {
  /**
   * Parses and chunks one document within the budgets. Problems of the document, including
   * going over a budget, are an outcome, not an exception; an abort rejects with the signal's
   * reason at once, whatever the parser is doing.
   */
  prepare(request: PrepareRequest, options?: { signal?: AbortSignal }): Promise<PrepareOutcome>;
  close(): Promise<void>;
}

export const defaultPrepareBudget = {
  timeBudgetMs: 10_000,
  timePerMegabyteMs: 1_000,
  memoryBudgetMb: 512,
} as const;

const watchIntervalMs = 100;
const wallTimeFactor = 10;

/**
 * Runs parsing and chunking in a worker thread, one document at a time, so that a hostile
 * file can neither block the event loop (signals, embedding, the database keep running) nor
 * exhaust the process: at the time or memory budget the worker is terminated, the document
 * reported, and the next document gets a fresh worker.
 */
export function createDocumentPreparer(options: DocumentPreparerOptions = {}): DocumentPreparer {
  const { timeBudgetMs, timePerMegabyteMs, memoryBudgetMb } = {
    ...defaultPrepareBudget,
    ...options,
  };
  const prepareOptions: PrepareOptions = {
    ...(options.chunking ? { chunking: options.chunking } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  };
  let slot: { readonly worker: Worker; readonly ready: Promise<void> } | undefined;
  let closed = false;
  let nextId = 0;
  let queue: Promise<unknown> = Promise.resolve();

  // The worker loads every parser and the tokenizer before it says it is ready (seconds on a
  // busy machine): budgets start then. A worker that was killed is replaced at once, so the
  // next document does not wait for that.
  const spawn = () => {
    const worker = new Worker(workerUrl(), {
      resourceLimits: { maxOldGenerationSizeMb: memoryBudgetMb },
      // Its stdout and stderr are not the command's output.
      stdout: true,
      stderr: true,
    });
    // An idle worker does not keep the process alive; pending work holds its own timers.
    worker.unref();
    const ready = new Promise<void>((resolve) => {
      const onReady = (message: WorkerReply) => {
        if (message !== 'ready') return;
        worker.off('message', onReady);
        resolve();
      };
      worker.on('message', onReady);
    });
    return { worker, ready };
  };
  const replaceWorker = async () => {
    const old = slot;
    slot = closed ? undefined : spawn();
    await old?.worker.terminate();
  };

  const run = (request: PrepareRequest, signal: AbortSignal | undefined) =>
    new Promise<PrepareOutcome>((resolve, reject) => {
      signal?.throwIfAborted();
      slot ??= spawn();
      const { worker: current, ready } = slot;
      const id = (nextId += 1);
      const timers: NodeJS.Timeout[] = [];
      let settled = false;
      const finish = (outcome: PrepareOutcome | { aborted: Error }, kill: boolean) => {
        if (settled) return;
        settled = true;
        for (const timer of timers) clearTimeout(timer);
        current.off('message', onMessage).off('error', onError).off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
        const replaced = kill ? replaceWorker() : Promise.resolve();
        void replaced.finally(() =>
          'aborted' in outcome ? reject(outcome.aborted) : resolve(outcome),
        );
      };
      const fail = (message: string) => finish({ ok: false, code: 'parse_failed', message }, true);
      const onMessage = (reply: WorkerReply) => {
        if (reply === 'ready' || reply.id !== id) return;
        finish(reply.ok ? reply : { ok: false, code: reply.code, message: reply.message }, false);
      };
      const onError = (error: Error) =>
        fail(
          (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? overMemory(memoryBudgetMb)
            : `could not be parsed: ${error.message}`,
        );
      const onExit = () => fail('could not be parsed: the parser stopped unexpectedly');
      const onAbort = () => {
        const reason: unknown = signal?.reason;
        finish({ aborted: reason instanceof Error ? reason : new Error('aborted') }, true);
      };
      current.on('message', onMessage).once('error', onError).once('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      // Holds the process open while the worker starts (the worker itself is unref'd).
      timers.push(setTimeout(() => fail('could not be parsed: the parser did not start'), 120_000));
      void ready.then(() => {
        if (settled) return;
        const size =
          typeof request.content === 'string' ? request.content.length : request.content.byteLength;
        const budgetMs = timeBudgetMs + Math.round((size / 1024 / 1024) * timePerMegabyteMs);
        const overTime = `parsing took more than ${Math.round(budgetMs / 1000)} s of CPU time, the limit for its size`;
        // The budget is the worker's CPU time, so a busy machine does not fail good files;
        // wall time only as a backstop for a worker that stalls without computing.
        // Node 22 before 22.19 cannot measure a worker: wall time and the heap limit apply.
        const measurable =
          typeof current.cpuUsage === 'function' && typeof current.getHeapStatistics === 'function';
        timers.push(setTimeout(() => fail(overTime), budgetMs * (measurable ? wallTimeFactor : 1)));
        if (measurable) startWatching();
        current.postMessage({ id, request, options: prepareOptions } satisfies WorkerRequest);
        function startWatching() {
          const cpuAtStart = current.cpuUsage().catch(() => undefined);
          // The heap limit does not cover buffers (inflated streams, images): they are checked.
          const check = async () => {
            const [heap, cpu, start] = await Promise.all([
              current.getHeapStatistics(),
              current.cpuUsage(),
              cpuAtStart,
            ]);
            if (settled) return;
            const cpuMs = start ? (cpu.user + cpu.system - start.user - start.system) / 1000 : 0;
            if (cpuMs > budgetMs) fail(overTime);
            else if (heap.used_heap_size + heap.external_memory > memoryBudgetMb * 1024 * 1024)
              fail(overMemory(memoryBudgetMb));
            else timers.push(setTimeout(watch, watchIntervalMs));
          };
          const watch = () => void check().catch(() => undefined);
          timers.push(setTimeout(watch, watchIntervalMs));
        }
      });
    });

  return {
    prepare(request, { signal } = {}) {
      const result = queue.then(() => run(request, signal));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      closed = true;
      await queue;
      const last = slot;
      slot = undefined;
      await last?.worker.terminate();
    },
  };
}

function overMemory(memoryBudgetMb: number): string {
  return `parsing needed more than ${memoryBudgetMb} MB of memory, the limit per document`;
}

// Compiled, the worker sits beside this file; under ts-jest this file is the TypeScript
// source, whose build output is in dist/ (`npm test` builds first).
function workerUrl(): URL {
  const url = new URL('./prepare-worker.js', import.meta.url);
  return new URL(url.href.replace('/rag-core/src/', '/rag-core/dist/'));
}
