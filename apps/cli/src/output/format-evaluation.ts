import type {
  AnswerMetrics,
  CaseResult,
  LevelMetrics,
  RefusalMetrics,
  RetrievalEvaluation,
} from '@knowhow/rag-core';

const modeNames = {
  hybrid: 'hybrid (vectors + keywords)',
  keyword: 'keyword-only',
  vector: 'vector-only',
} as const;

export function formatEvaluation(
  evaluation: RetrievalEvaluation,
  ks: readonly number[],
  verbose: boolean,
): string {
  const { metrics, results } = evaluation;
  const mode = modeNames[evaluation.mode];
  const header = ['level', 'questions', ...ks.map((k) => `hit@${k}`), `MRR@${Math.max(...ks)}`];
  const rows = [levelRow('document', metrics.document)];
  if (metrics.page) rows.push(levelRow('page (±1)', metrics.page));
  if (metrics.section) rows.push(levelRow('section', metrics.section));
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const lines = [
    `Retrieval quality: ${results.length} questions, ${mode}`,
    '',
    render(header),
    ...rows.map(render),
  ];
  if (verbose) lines.push('', ...formatMisses(results, Math.max(...ks)));
  return lines.join('\n');

  function levelRow(name: string, level: LevelMetrics): string[] {
    return [
      name,
      String(level.questions),
      ...ks.map((k) => (level.hitAt.get(k) ?? 0).toFixed(2)),
      level.mrr.toFixed(3),
    ];
  }
}

/** Questions without a hit in the top k, with what was expected and what came back instead. */
export function missesOf(results: readonly CaseResult[], k: number): CaseResult[] {
  return results.filter((result) => {
    const rank = result.sectionRank ?? result.pageRank ?? result.documentRank;
    const scored = result.evalCase.expected.some(
      (expected) => expected.page !== null || expected.section !== null,
    );
    if (scored && result.sectionRank === null && result.pageRank === null) return true;
    return rank === null || rank > k;
  });
}

function formatMisses(results: readonly CaseResult[], k: number): string[] {
  const misses = missesOf(results, k);
  if (misses.length === 0) return [`No misses in the top ${k}.`];
  const lines = [`Misses (no expected passage in the top ${k}): ${misses.length}`];
  for (const miss of misses) {
    const expected = miss.evalCase.expected.map((source) =>
      source.page !== null
        ? `${source.source} p. ${source.page}`
        : source.section !== null
          ? `${source.source} § ${source.section}`
          : source.source,
    );
    const got = miss.passages
      .slice(0, 3)
      .map((passage) =>
        passage.pageStart !== null
          ? `${passage.source} p. ${passage.pageStart}${passage.pageEnd !== passage.pageStart ? `–${passage.pageEnd}` : ''}`
          : passage.heading !== null
            ? `${passage.source} § ${passage.heading}`
            : passage.source,
      );
    lines.push(
      `- line ${miss.evalCase.line}: ${miss.evalCase.question}`,
      `    expected: ${expected.join('; ')}`,
      `    got:      ${got.join('; ') || '(nothing)'}`,
    );
  }
  return lines;
}

export function formatAnswerMetrics(metrics: AnswerMetrics): string {
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  return [
    `Answers (language model): ${metrics.questions} questions`,
    `  cite an expected source  ${percent(metrics.citedExpected)}`,
    `  answered with citations  ${percent(metrics.answered)}`,
    `  refused (not found)      ${percent(metrics.refused)}`,
    `  other (uncited, failed)  ${percent(metrics.other)}`,
  ].join('\n');
}

export function formatRefusals(metrics: RefusalMetrics): string {
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  const lines = ['Not found (the relevance floor, and the model when there is one)'];
  if (metrics.offTopic.questions > 0)
    lines.push(
      `  off-topic questions refused  ${percent(metrics.offTopic.refused)} of ${metrics.offTopic.questions}`,
    );
  if (metrics.onTopic.questions > 0)
    lines.push(
      `  on-topic questions refused   ${percent(metrics.onTopic.refused)} of ${metrics.onTopic.questions}`,
    );
  if (metrics.wrong.length > 0)
    lines.push(`  wrong decisions on lines ${metrics.wrong.join(', ')}`);
  return lines.join('\n');
}
