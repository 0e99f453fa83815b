import { median, percentile } from '../statistics.js';

/** One question sent to a bot: its HTTP acknowledgements and the time until its answer. */
export interface Delivery {
  readonly acks: readonly { readonly ms: number }[];
  readonly answerMs: number;
}

/**
 * The sequential part of a chat bot benchmark, the same for Slack and Teams: 10 warm-up
 * questions, then `rounds` rounds of 100; p50 and p95 are the median over the rounds.
 */
export async function sequentialTimings(ask: () => Promise<Delivery>, rounds: number) {
  for (let index = 0; index < 10; index += 1) await ask();
  const measured: { ack: number[]; answer: number[] }[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const ack: number[] = [];
    const answer: number[] = [];
    for (let index = 0; index < 100; index += 1) {
      const result = await ask();
      ack.push(result.acks[0]?.ms ?? Number.NaN);
      answer.push(result.answerMs);
    }
    measured.push({ ack, answer });
  }
  const summary = (samples: (round: { ack: number[]; answer: number[] }) => number[]) => ({
    p50: median(measured.map((round) => percentile(samples(round), 0.5))),
    p95: median(measured.map((round) => percentile(samples(round), 0.95))),
  });
  return { ack: summary((round) => round.ack), answer: summary((round) => round.answer) };
}

/** Answer-time spread of a burst of questions sent at once. */
export function burstTimings(burst: readonly Delivery[]) {
  const times = burst.map((result) => result.answerMs);
  return {
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    max: Math.max(...times),
  };
}
