import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { realModel } from '../../testing/real-model.js';
import { createLocalReranker, defaultLocalReranker } from './local-reranker.js';

const weights = join(realModel.directory, defaultLocalReranker, 'onnx', 'model_quantized.onnx');
const skipReason = existsSync(weights)
  ? undefined
  : `no cross-encoder weights at ${weights} (none ship with ../shared; a Xenova-layout cross-encoder placed there runs these)`;
if (skipReason) process.stdout.write(`skipping the real cross-encoder tests: ${skipReason}\n`);
const withWeights = skipReason ? it.skip : it;

const passages = [
  'The VPN client must be updated monthly by every employee.',
  'New employees accrue 15 days of paid vacation in their first year, 20 days after five years.',
  'Expense reports are due within 30 days of travel.',
];

describe('local cross-encoder reranker', () => {
  withWeights('puts the passage that answers the question first', async () => {
    const reranker = createLocalReranker({ modelDirectory: realModel.directory });
    const order = await reranker.rerank('How many vacation days do new employees get?', passages, {
      signal: AbortSignal.timeout(30_000),
    });
    expect(order[0]).toBe(1);
    expect([...order].sort()).toEqual([0, 1, 2]);
  });

  withWeights('scores a passage the same alone as among others', async () => {
    const reranker = createLocalReranker({ modelDirectory: realModel.directory });
    const signal = AbortSignal.timeout(30_000);
    const question = 'When are expense reports due?';
    const all = await reranker.rerank(question, passages, { signal });
    const reversed = await reranker.rerank(question, [...passages].reverse(), { signal });
    expect(reversed.map((index) => passages.length - 1 - index)).toEqual(all);
  });

  withWeights('cuts a passage longer than the model reads instead of failing', async () => {
    const reranker = createLocalReranker({ modelDirectory: realModel.directory, maxTokens: 64 });
    const long = `${passages[1]} ${'Unrelated filler about the cafeteria menu. '.repeat(200)}`;
    const order = await reranker.rerank('How many vacation days?', [passages[0] ?? '', long], {
      signal: AbortSignal.timeout(30_000),
    });
    expect(order).toEqual([1, 0]);
  });

  withWeights('stops between passages once its time is up', async () => {
    const reranker = createLocalReranker({ modelDirectory: realModel.directory });
    const controller = new AbortController();
    controller.abort(new Error('time is up'));
    await expect(
      reranker.rerank('vacation', passages, { signal: controller.signal }),
    ).rejects.toThrow('time is up');
  });

  it('fails with the missing file named when the folder has no such model', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'knowhow-reranker-'));
    const reranker = createLocalReranker({ modelDirectory: folder, model: 'Acme/no-reranker' });
    expect(reranker.name).toBe('local:Acme/no-reranker');
    await expect(
      reranker.rerank('vacation', passages, { signal: AbortSignal.timeout(30_000) }),
    ).rejects.toThrow(join(folder, 'Acme/no-reranker'));
  });
});
