import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  activateEmbedder,
  chunkDocument,
  createEmbeddings,
  embedPassages,
  loadDocument,
  parseGroundTruth,
} from '@knowhow/rag-core';
import { FakeModelRegistry, FakeOpenAIServer } from '@knowhow/rag-core/testing';
import { median, peakRssMegabytes, percentile, timed } from '../statistics.js';
import { contosoPdfs } from './ingest-benchmark.js';

const store = new FakeModelRegistry();

/** The local model measured: the one whose real weights these machines have (../shared/models). */
export const benchLocalModel = 'Xenova/all-MiniLM-L6-v2';

/**
 * Embedding time of the contoso passages: with the local model when its weights are present,
 * and through the OpenAI client against a local fake server (client, batching and HTTP cost only).
 * With the local model also the time to embed one question, as search does before it queries.
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
    query?: { p50: number; p95: number; max: number };
  }[] = [];
  const weights = join(options.modelDirectory, benchLocalModel, 'onnx', 'model_quantized.onnx');
  if (existsSync(weights)) {
    const { embeddings, modelName } = await createEmbeddings({
      provider: 'local',
      model: benchLocalModel,
      modelDirectory: options.modelDirectory,
    });
    const activation = await activateEmbedder({ embeddings, modelName, store, purpose: 'ingest' });
    if (activation.embedder)
      results.push({
        path: modelName,
        ...(await measure(activation.embedder, passages, options.runs)),
        query: await measureQueries(activation.embedder, options.contoso, options.runs),
      });
  } else {
    results.push({ path: `local:${benchLocalModel}`, unavailable: `no weights at ${weights}` });
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

/** One question at a time, as a search embeds it: p50 / p95 / max over the contoso questions. */
async function measureQueries(
  embedder: Parameters<typeof embedPassages>[0],
  contoso: string,
  runs: number,
) {
  const questions = parseGroundTruth(
    await readFile(join(contoso, 'ground_truth.jsonl'), 'utf8'),
  ).map((evalCase) => evalCase.question);
  for (const question of questions.slice(0, 10)) await embedder.embeddings.embedQuery(question);
  const rounds: { p50: number; p95: number; max: number }[] = [];
  for (let run = 0; run < runs; run += 1) {
    const samples: number[] = [];
    for (const question of questions) {
      const started = performance.now();
      await embedder.embeddings.embedQuery(question);
      samples.push(performance.now() - started);
    }
    rounds.push({
      p50: percentile(samples, 0.5),
      p95: percentile(samples, 0.95),
      max: Math.max(...samples),
    });
  }
  return {
    p50: median(rounds.map((round) => round.p50)),
    p95: median(rounds.map((round) => round.p95)),
    max: median(rounds.map((round) => round.max)),
  };
}
