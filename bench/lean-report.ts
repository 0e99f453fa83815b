import type { botMemoryBenchmark } from './scenarios/bot-memory-benchmark.js';
import type { leanBenchmark } from './scenarios/lean-benchmark.js';

type LeanResult = Awaited<ReturnType<typeof leanBenchmark>>;
type BotMemoryResult = Awaited<ReturnType<typeof botMemoryBenchmark>>;
type RunScenario = <Result>(name: string, options: Record<string, unknown>) => Promise<Result>;

/**
 * `knowhow slack` idle and after 200 questions, per backend, keyword-only and with the model:
 * the median run of each (by idle, and by after) as markdown lines.
 */
export async function botMemoryReport(
  runScenario: RunScenario,
  options: { backends: readonly string[]; handbook: string; modelDirectory: string; runs: number },
): Promise<string[]> {
  const { backends, handbook, modelDirectory, runs } = options;
  const bots: BotMemoryResult[] = [];
  for (const backend of backends)
    for (const withModel of [false, true]) {
      const measured: BotMemoryResult[] = [];
      for (let run = 0; run < runs; run += 1)
        measured.push(
          await runScenario<BotMemoryResult>('bot-memory', {
            backend,
            handbook,
            modelDirectory,
            withModel,
            questions: 200,
          }),
        );
      const middle = (pick: (result: BotMemoryResult) => number) =>
        [...measured].sort((a, b) => pick(a) - pick(b))[Math.floor(measured.length / 2)];
      const byIdle = middle((result) => result.idleMb);
      const byAfter = middle((result) => result.afterMb);
      if (byIdle && byAfter)
        bots.push({ ...byIdle, afterMb: byAfter.afterMb, ratio: byAfter.afterMb / byIdle.idleMb });
    }
  return [
    '',
    `### \`knowhow slack\` as a process over the sample handbook: RSS idle (start-up settled) and 2 s after 200 questions (4 at a time; fake Slack and model; median of ${runs} runs)`,
    '',
    '| backend | embeddings | idle | after 200 questions | after / idle | peak |',
    '|---|---|---:|---:|---:|---:|',
    ...bots.map(
      (bot) =>
        `| ${bot.backend} | ${bot.withModel ? 'local MiniLM' : 'keyword-only'} | ${bot.idleMb} MB | ${bot.afterMb} MB | ${bot.ratio.toFixed(2)}x | ${bot.peakMb} MB |`,
    ),
  ];
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

/** The model alone against `knowhow ingest`, and cold starts, as markdown lines. */
export function leanReport(r: LeanResult, runs: number): string[] {
  return [
    '',
    `## Lean: model alone vs \`knowhow ingest\`, and cold starts (all-MiniLM-L6-v2 q8, the ${r.passages} contoso PDF passages, median of ${runs} runs)`,
    '',
    '| what | passages/s | peak RSS |',
    '|---|---:|---:|',
    ...r.modelAlone.map(
      (entry) =>
        `| model alone, ${entry.threads} intra-op thread${entry.threads > 1 ? 's' : ''} | ${fixed(entry.passagesPerSecond)} | |`,
    ),
    `| \`knowhow ingest\` of the 6 PDFs, whole process (fresh PGlite) | ${fixed(r.ingest.passagesPerSecond)} (${fixed(r.ingest.seconds)} s; **${fixed(r.ingest.ratio * 100, 0)}%** of the best model figure) | ${r.ingest.peakRssMb} MB |`,
    '',
    '| cold start, as a process | median | peak RSS |',
    '|---|---:|---:|',
    `| \`knowhow ask\`, keyword-only (no model) | ${fixed(r.askKeywordOnly.seconds, 2)} s | ${r.askKeywordOnly.peakRssMb} MB |`,
    `| \`knowhow ask\` with the local model | ${fixed(r.askWithModel.seconds, 2)} s | ${r.askWithModel.peakRssMb} MB |`,
    `| \`knowhow --version\` | ${fixed(r.version.seconds, 2)} s | ${r.version.peakRssMb} MB |`,
  ];
}
