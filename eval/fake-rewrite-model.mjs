// Runs `knowhow eval` with KNOWHOW_QUERY_REWRITE=<mode> against a deterministic fake chat
// model (FakeOpenAIServer), to measure what rewriting costs and that nothing breaks: a fake
// says nothing about a real model's rewrites. Usage, after `npx tsc -b` and an ingest:
//   node eval/fake-rewrite-model.mjs none|multi|hyde [eval args…]
// multi: the question without stop words, and its words in reverse order; hyde: the question
// repeated. Condensing and answers: the fake's groundedResponder (cites what it quotes).
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { FakeOpenAIServer, groundedResponder } from '@knowhow/rag-core/testing';

const [mode = 'none', ...evalArgs] = process.argv.slice(2);
const stopWords = new Set(
  'a an the is are do does what how when who which of to in for on my i can'.split(' '),
);
const questionOf = (request) =>
  /<question-\w+>\n([\s\S]*?)\n<\/question-\w+>/.exec(
    request.messages.at(-1)?.content ?? '',
  )?.[1] ?? '';
const calls = { multi: 0, hyde: 0, other: 0 };

const server = await FakeOpenAIServer.start();
server.respondWith((request) => {
  const system = request.messages[0]?.content ?? '';
  const question = questionOf(request);
  if (system.includes('alternative search queries')) {
    calls.multi += 1;
    const words = question.split(/\s+/);
    const kept = words.filter((word) => !stopWords.has(word.toLowerCase().replace(/\W/g, '')));
    return { content: `${kept.join(' ')}\n${[...words].reverse().join(' ')}` };
  }
  if (system.includes('only used to search')) {
    calls.hyde += 1;
    return { content: question };
  }
  calls.other += 1;
  return groundedResponder(request);
});

const started = performance.now();
const child = spawn(process.execPath, ['apps/cli/bin/knowhow.js', 'eval', ...evalArgs], {
  env: {
    ...process.env,
    OPENAI_BASE_URL: server.baseURL,
    OPENAI_API_KEY: 'fake',
    KNOWHOW_QUERY_REWRITE: mode,
    LOG_LEVEL: 'info',
  },
  stdio: ['ignore', 'inherit', 'pipe'],
});
const events = [];
let pending = '';
child.stderr.on('data', (chunk) => {
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    try {
      events.push(JSON.parse(line));
    } catch {
      process.stderr.write(`${line}\n`);
    }
  }
});
const code = await new Promise((resolve) => child.on('close', resolve));
await server.stop();
const of = (type) => events.filter((event) => event.type === type);
const mean = (list) =>
  list.length ? Math.round(list.reduce((sum, value) => sum + value, 0) / list.length) : 0;
console.log(
  JSON.stringify({
    mode,
    exitCode: code,
    wallSeconds: Math.round((performance.now() - started) / 100) / 10,
    modelCalls: calls,
    searches: of('search').length,
    meanSearchMs: mean(of('search').map((event) => event.durationMs)),
    rewrites: of('rewrite').length,
    rewriteFailures: of('rewrite.failed').length,
    meanRewriteMs: mean(of('rewrite').map((event) => event.durationMs)),
    asks: of('ask').length,
  }),
);
