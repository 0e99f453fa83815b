import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeHostileFiles } from '@knowhow/rag-core/testing';
import { runKnowhowProcess } from '../run-knowhow-process.js';
import { median } from '../statistics.js';

/**
 * Issue 10's hostile folder (full size: 9 MB nested list, 100,000 nested divs, docx bombs of
 * 200 MB and 1.5 GB, links, a FIFO, …) with the sample handbook, ingested by `knowhow ingest`
 * as a process with the local model: wall time, peak RSS, every hostile file reported by name,
 * the good files searchable. Then SIGTERM while each kind of slow work is in progress.
 */
export async function hostileBenchmark(options: {
  handbook: string;
  contoso: string;
  modelEnvironment: Record<string, string>;
  runs: number;
}) {
  const folder = await mkdtemp(join(tmpdir(), 'knowhow-hostile-bench-'));
  await cp(options.handbook, join(folder, 'handbook'), { recursive: true });
  const expectations = await makeHostileFiles(folder, { full: true });
  const reported = Object.entries(expectations).flatMap(([path, expectation]) =>
    'reported' in expectation ? [{ path, pattern: expectation.reported }] : [],
  );
  const searchable = Object.values(expectations).flatMap((expectation) =>
    'ingested' in expectation ? [expectation.ingested] : [],
  );
  const runs = [];
  let missing: string[] = [];
  let unsearchable: string[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    const workspace = await mkdtemp(join(tmpdir(), 'knowhow-hostile-run-'));
    const env = { ...options.modelEnvironment, KNOWHOW_DATA_DIR: join(workspace, 'data') };
    const result = await runKnowhowProcess(['ingest', folder], { cwd: workspace, env });
    runs.push(result);
    missing = reported
      .filter(({ pattern }) => !pattern.test(result.stdout))
      .map(({ path }) => path);
    if (run === 0) {
      unsearchable = [];
      for (const word of searchable) {
        const search = await runKnowhowProcess(['search', word, '--json', '--k', '1'], {
          cwd: workspace,
          env,
        });
        const [hit] = JSON.parse(search.stdout || '[]') as { text: string }[];
        if (!hit?.text.includes(word)) unsearchable.push(word);
      }
    }
  }
  return {
    files: Object.keys(expectations).length,
    reported: reported.length,
    missing,
    unsearchable,
    seconds: median(runs.map((run) => run.seconds)),
    peakRssMb: median(runs.map((run) => run.peakRssMb)),
    maxPeakRssMb: Math.max(...runs.map((run) => run.peakRssMb)),
    stops: await stopTimes(options),
  };
}

/** Seconds from SIGTERM to the end of `knowhow ingest`, by what it was doing. */
async function stopTimes(options: {
  contoso: string;
  modelEnvironment: Record<string, string>;
  runs: number;
}) {
  const cases: { name: string; file: string; content?: string; when: RegExp }[] = [
    {
      name: 'splitting a 9 MB text file (the parser keeps its thread busy)',
      file: 'b-large.txt',
      content:
        'Employees book travel through the portal and file expenses within 30 days.\n'.repeat(
          120_000,
        ),
      when: /a-first\.md/,
    },
    {
      name: 'parsing a 9 MB nested list',
      file: 'b-nested.md',
      content: Array.from(
        { length: 3000 },
        (_, level) => `${' '.repeat(2 * level)}- level ${level}`,
      ).join('\n'),
      when: /a-first\.md/,
    },
    {
      name: 'embedding a 40-page PDF',
      file: 'employee_handbook.pdf',
      when: /embeddings\.batch/,
    },
  ];
  const results = [];
  for (const { name, file, content, when } of cases) {
    const seconds: number[] = [];
    for (let run = 0; run < options.runs; run += 1) {
      const folder = await mkdtemp(join(tmpdir(), 'knowhow-stop-'));
      await writeFile(join(folder, 'a-first.md'), '# First\n\nA small file before the slow one.');
      if (content) await writeFile(join(folder, file), content);
      else await cp(join(options.contoso, 'docs', file), join(folder, file));
      const workspace = await mkdtemp(join(tmpdir(), 'knowhow-stop-run-'));
      const result = await runKnowhowProcess(['ingest', folder], {
        cwd: workspace,
        env: {
          ...options.modelEnvironment,
          KNOWHOW_DATA_DIR: join(workspace, 'data'),
          KNOWHOW_PARSE_TIMEOUT_S: '600',
          LOG_LEVEL: 'debug',
        },
        signal: 'SIGTERM',
        when: (stderr) => when.test(stderr),
      });
      if (result.stopSeconds === undefined || result.code !== 130)
        throw new Error(`${name}: ingest ended with ${result.code} before the signal`);
      seconds.push(result.stopSeconds);
    }
    results.push({ name, medianSeconds: median(seconds), maxSeconds: Math.max(...seconds) });
  }
  return results;
}
