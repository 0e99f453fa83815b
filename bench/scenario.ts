// One benchmark scenario in its own process, so its peak memory is its own. Prints one JSON line.
import { askBenchmark } from './scenarios/ask-benchmark.js';
import { botMemoryBenchmark } from './scenarios/bot-memory-benchmark.js';
import { embedBenchmark } from './scenarios/embed-benchmark.js';
import { hostileBenchmark } from './scenarios/hostile-benchmark.js';
import { ingestBenchmark } from './scenarios/ingest-benchmark.js';
import { leanBenchmark } from './scenarios/lean-benchmark.js';
import { searchBenchmark } from './scenarios/search-benchmark.js';
import { sourcesBenchmark } from './scenarios/sources-benchmark.js';
import { slackBenchmark } from './scenarios/slack-benchmark.js';
import { slackStreamingBenchmark } from './scenarios/slack-streaming-benchmark.js';
import { syncBenchmark } from './scenarios/sync-benchmark.js';
import { teamsBenchmark } from './scenarios/teams-benchmark.js';

const { name, options } = JSON.parse(process.argv[2] ?? '{}') as { name: string; options: unknown };
const scenarios: Record<string, (options: never) => Promise<unknown>> = {
  ingest: ingestBenchmark,
  lean: leanBenchmark,
  'bot-memory': botMemoryBenchmark,
  embed: embedBenchmark,
  hostile: hostileBenchmark,
  search: searchBenchmark,
  ask: askBenchmark,
  slack: slackBenchmark,
  'slack-streaming': slackStreamingBenchmark,
  teams: teamsBenchmark,
  sources: sourcesBenchmark,
  sync: syncBenchmark,
};
const scenario = scenarios[name];
if (!scenario) throw new Error(`unknown scenario ${name}`);
process.stdout.write(`${JSON.stringify(await scenario(options as never))}\n`);
