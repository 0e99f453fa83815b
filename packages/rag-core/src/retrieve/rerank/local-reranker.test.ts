import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { realModel } from '../../testing/real-model.js';
import { createLocalReranker, defaultLocalReranker } from './local-reranker.js';

// A genuine BertForSequenceClassification graph with random weights (testing/fixtures/
// tiny-cross-encoder/README.md), and the logits Python onnxruntime gave for the inputs
// `[CLS] question [SEP] passage [SEP]` cut at 64 tokens: the mechanics, not relevance.
const fixtures = fileURLToPath(
  new URL('../../../src/testing/fixtures/tiny-cross-encoder/', import.meta.url),
);
const tinyModel = 'Knowhow/tiny-cross-encoder';
interface ReferencePair {
  readonly question: string;
  readonly passage: string;
  readonly logit_int8: number;
  readonly question_truncated: boolean;
  readonly passage_truncated: boolean;
}
const reference = JSON.parse(readFileSync(join(fixtures, tinyModel, 'reference.json'), 'utf8')) as {
  readonly max_tokens: number;
  readonly pairs: readonly ReferencePair[];
};
const tiny = () =>
  createLocalReranker({
    model: tinyModel,
    modelDirectory: fixtures,
    maxTokens: reference.max_tokens,
  });
const signal = () => AbortSignal.timeout(30_000);
const questions = [...new Set(reference.pairs.map((pair) => pair.question))];

describe('local cross-encoder reranker', () => {
  it('scores each pair as the model does for [CLS] question [SEP] passage [SEP], cut to fit', async () => {
    const reranker = tiny();
    // The fixture has a long passage and a long question, so both cuts are checked.
    expect(reference.pairs.some((pair) => pair.passage_truncated)).toBe(true);
    expect(reference.pairs.some((pair) => pair.question_truncated)).toBe(true);
    for (const question of questions) {
      const pairs = reference.pairs.filter((pair) => pair.question === question);
      const scores = await reranker.score(
        question,
        pairs.map((pair) => pair.passage),
        { signal: signal() },
      );
      scores.forEach((score, index) => {
        expect(score).toBeCloseTo(pairs[index]?.logit_int8 ?? Number.NaN, 4);
      });
    }
  });

  it('orders the passages by their scores, and a passage scores the same among any others', async () => {
    const reranker = tiny();
    const pairs = reference.pairs.filter((pair) => pair.question === questions[0]);
    const passages = pairs.map((pair) => pair.passage);
    const expected = pairs
      .map((pair, index) => ({ index, logit: pair.logit_int8 }))
      .sort((a, b) => b.logit - a.logit)
      .map((row) => row.index);
    expect(await reranker.rerank(questions[0] ?? '', passages, { signal: signal() })).toEqual(
      expected,
    );
    const reversed = await reranker.rerank(questions[0] ?? '', [...passages].reverse(), {
      signal: signal(),
    });
    expect(reversed.map((index) => passages.length - 1 - index)).toEqual(expected);
  });

  it('stops between passages once its time is up', async () => {
    const controller = new AbortController();
    controller.abort(new Error('time is up'));
    await expect(
      tiny().rerank('vacation', ['a', 'b'], { signal: controller.signal }),
    ).rejects.toThrow('time is up');
  });

  it('fails with the missing folder named when there is no such model', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'knowhow-reranker-'));
    const reranker = createLocalReranker({ modelDirectory: folder, model: 'Acme/no-reranker' });
    expect(reranker.name).toBe('local:Acme/no-reranker');
    await expect(reranker.rerank('vacation', ['a', 'b'], { signal: signal() })).rejects.toThrow(
      join(folder, 'Acme/no-reranker'),
    );
  });
});

// Real MS MARCO weights are not in ../shared/models on these machines (no network to fetch
// them); where an operator has them, this checks that they rank by meaning.
const weights = join(realModel.directory, defaultLocalReranker, 'onnx', 'model_quantized.onnx');
const skipReason = existsSync(weights) ? undefined : `no cross-encoder weights at ${weights}`;
if (skipReason) process.stdout.write(`skipping the real cross-encoder test: ${skipReason}\n`);

describe('local cross-encoder reranker with real weights', () => {
  (skipReason ? it.skip : it)('puts the passage that answers the question first', async () => {
    const reranker = createLocalReranker({ modelDirectory: realModel.directory });
    const order = await reranker.rerank(
      'How many vacation days do new employees get?',
      [
        'The VPN client must be updated monthly by every employee.',
        'New employees accrue 15 days of paid vacation in their first year.',
        'Expense reports are due within 30 days of travel.',
      ],
      { signal: signal() },
    );
    expect(order[0]).toBe(1);
  });
});
