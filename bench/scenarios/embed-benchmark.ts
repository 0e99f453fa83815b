import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  activateEmbedder,
  chunkDocument,
  createEmbeddings,
  defaultLocalModel,
  embedPassages,
  loadDocument,
} from '@knowhow/rag-core';
import { FakeModelRegistry, FakeOpenAIServer } from '@knowhow/rag-core/testing';
import { median, peakRssMegabytes, timed } from '../statistics.js';
import { contosoPdfs } from './ingest-benchmark.js';

const store = new FakeModelRegistry();

/**
 * Embedding time of the contoso passages: with the local model when its weights are present,
 * and through the OpenAI client against a local fake server (client, batching and HTTP cost only).
 */
export async function embedBenchmark(options: {
  contoso: string;
  modelDirectory: string;
  runs: number;
}) {
  const passages = [];
  for (const name of contosoPdfs) {
    const loaded = await loadDocument('pdf', await readFile(join(options.contoso, 'docs', name)));
    passages.push(...(await chunkDocument(loaded)).map((chunk) => ({ ...chunk, title: name })));
  }
  const results: {
    path: string;
    unavailable?: string;
    seconds?: number;
    passagesPerSecond?: number;
  }[] = [];
  const weights = join(options.modelDirectory, defaultLocalModel, 'onnx', 'model_quantized.onnx');
  if (existsSync(weights)) {
    const { embeddings, modelName } = await createEmbeddings({
      provider: 'local',
      modelDirectory: options.modelDirectory,
    });
    const activation = await activateEmbedder({ embeddings, modelName, store, purpose: 'ingest' });
    if (activation.embedder)
      results.push({
        path: modelName,
        ...(await measure(activation.embedder, passages, options.runs)),
      });
  } else {
    results.push({ path: `local:${defaultLocalModel}`, unavailable: `no weights at ${weights}` });
  }
  const server = await FakeOpenAIServer.start({ dimensions: 1536 });
  try {
    const { embeddings, modelName } = await createEmbeddings({
      provider: 'openai',
      apiKey: 'bench',
      baseURL: server.baseURL,
    });
    const activation = await activateEmbedder({ embeddings, modelName, store, purpose: 'ingest' });
    if (activation.embedder)
      results.push({
        path: `${modelName} via a local fake server`,
        ...(await measure(activation.embedder, passages, options.runs)),
      });
  } finally {
    await server.stop();
  }
  return { passages: passages.length, results, peakRssMb: peakRssMegabytes() };
}

async function measure(
  embedder: Parameters<typeof embedPassages>[0],
  passages: Parameters<typeof embedPassages>[1],
  runs: number,
) {
  const seconds: number[] = [];
  for (let run = 0; run < runs; run += 1)
    seconds.push((await timed(() => embedPassages(embedder, passages))).seconds);
  return { seconds: median(seconds), passagesPerSecond: passages.length / median(seconds) };
}
