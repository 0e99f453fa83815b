import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';

// cl100k is bundled (no download) and close to the chat models' own counts. WordPiece models
// such as bge count ~15% more, so chunk sizes leave that headroom below their 512-token limit.
let encoder: Tiktoken | undefined;

// BPE merges one pre-token in quadratic time: a 5,000-letter "word" took 5 s. Long runs
// without spaces are counted in 32-character pieces, which gives nearly the same count.
const longRun = /\S{64,}/gu;
const piece = /\S{32}/gu;

export function countTokens(text: string): number {
  encoder ??= new Tiktoken(cl100k);
  const bounded = text.replace(longRun, (run) => run.replace(piece, '$& '));
  return encoder.encode(bounded).length;
}
