import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkDocument, createEmbeddings, embedPassages, loadDocument } from '@knowhow/rag-core';
import { runKnowhowProcess } from '../run-knowhow-process.js';
import { median, peakRssMegabytes, timed } from '../statistics.js';
import { contosoPdfs } from './ingest-benchmark.js';

const model = 'Xenova/all-MiniLM-L6-v2';

/**
 * Issue 15's side-by-side figures, in one run: the model alone embedding the contoso
 * passages (1 and 2 intra-op threads: the physical limit here), then `knowhow ingest` of the
 * same PDFs as a whole process (start-up, database, parsing included) with its peak RSS, and
 * `knowhow ask` / `--version` cold starts on the resulting knowledge base (keyword-only).
 */
export async function leanBenchmark(options: {
  contoso: string;
  modelDirectory: string;
  runs: number;
}) {
  const passages: { title: string; heading: string | null; text: string }[] = [];
  for (const name of contosoPdfs) {
    const loaded = await loadDocument('pdf', await readFile(join(options.contoso, 'docs', name)));
    passages.push(...(await chunkDocument(loaded)).map((chunk) => ({ ...chunk, title: name })));
  }
  const modelAlone: { threads: number; passagesPerSecond: number }[] = [];
  for (const threads of [1, 2]) {
    const { embeddings, modelName } = await createEmbeddings({
      provider: 'local',
      model,
      modelDirectory: options.modelDirectory,
      threads,
    });
    await embeddings.embedQuery('warm up');
    const embedder = { embeddings, model: { id: 1, name: modelName, dimensions: 384 } };
    const seconds: number[] = [];
    for (let run = 0; run < options.runs; run += 1)
      seconds.push((await timed(() => embedPassages(embedder, passages))).seconds);
    modelAlone.push({ threads, passagesPerSecond: passages.length / median(seconds) });
  }
  const env = {
    KNOWHOW_EMBEDDINGS: 'local',
    KNOWHOW_MODEL_DIR: options.modelDirectory,
    KNOWHOW_EMBEDDING_MODEL: model,
  };
  const ingests = [];
  let workspace = '';
  for (let run = 0; run < options.runs; run += 1) {
    workspace = await mkdtemp(join(tmpdir(), 'knowhow-lean-'));
    const paths = contosoPdfs.map((name) => join(options.contoso, 'docs', name));
    const result = await runKnowhowProcess(['ingest', ...paths], {
      cwd: workspace,
      env: { ...env, KNOWHOW_DATA_DIR: join(workspace, 'data') },
    });
    if (result.code !== 0) throw new Error(`ingest exited with ${result.code}: ${result.stderr}`);
    ingests.push(result);
  }
  const data = { KNOWHOW_DATA_DIR: join(workspace, 'data') };
  const cold = async (args: string[], extra: Record<string, string>) => {
    const seconds: number[] = [];
    const peaks: number[] = [];
    for (let run = 0; run < Math.max(5, options.runs); run += 1) {
      const result = await runKnowhowProcess(args, { cwd: workspace, env: { ...data, ...extra } });
      seconds.push(result.seconds);
      peaks.push(result.peakRssMb);
    }
    return { seconds: median(seconds), peakRssMb: median(peaks) };
  };
  const question = 'What is the deductible for in-network services?';
  const best = Math.max(...modelAlone.map((entry) => entry.passagesPerSecond));
  const ingestSeconds = median(ingests.map((run) => run.seconds));
  return {
    passages: passages.length,
    modelAlone,
    ingest: {
      seconds: ingestSeconds,
      passagesPerSecond: passages.length / ingestSeconds,
      ratio: passages.length / ingestSeconds / best,
      peakRssMb: median(ingests.map((run) => run.peakRssMb)),
    },
    askKeywordOnly: await cold(['ask', question], { KNOWHOW_EMBEDDINGS: 'none' }),
    askWithModel: await cold(['ask', question], env),
    version: await cold(['--version'], {}),
    benchPeakRssMb: peakRssMegabytes(),
  };
}
