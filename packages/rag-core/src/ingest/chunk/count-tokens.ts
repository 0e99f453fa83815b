import { createRequire } from 'node:module';
import type { Tiktoken, TiktokenBPE } from 'js-tiktoken/lite';

// cl100k is bundled (no download) and close to the chat models' own counts. WordPiece models
// such as bge count ~15% more, so chunk sizes leave that headroom below their 512-token limit.
// Loaded on first use: its ranks take ~0.3 s and ~50 MB to load, which commands that only
// search (a cold `knowhow ask`) never need.
const require = createRequire(import.meta.url);
let loaded: { encoder: Tiktoken; preTokens: RegExp } | undefined;

function load(): { encoder: Tiktoken; preTokens: RegExp } {
  if (!loaded) {
    const lite = require('js-tiktoken/lite') as { Tiktoken: new (ranks: TiktokenBPE) => Tiktoken };
    const cl100k = require('js-tiktoken/ranks/cl100k_base') as TiktokenBPE;
    // cl100k encodes each of its pre-tokens on its own, so a text's count is the sum of its
    // pieces' counts.
    loaded = { encoder: new lite.Tiktoken(cl100k), preTokens: new RegExp(cl100k.pat_str, 'gu') };
  }
  return loaded;
}

// BPE merges one pre-token in quadratic time: a 5,000-letter "word" took 5 s. Long runs
// without spaces are counted in 32-character pieces, which gives nearly the same count.
const longRun = /\S{64,}/gu;
const piece = /\S{32}/gu;

// Words repeat, and the splitter measures the same text several times, so counts are kept
// per pre-token (bounded). Encoding the whole text each time cost minutes for a few megabytes.
const known = new Map<string, number>();
const maxKnown = 200_000;

export function countTokens(text: string): number {
  const { encoder, preTokens } = load();
  const bounded = text.replace(longRun, (run) => run.replace(piece, '$& '));
  let count = 0;
  for (const [preToken] of bounded.matchAll(preTokens)) {
    let tokens = known.get(preToken);
    if (tokens === undefined) {
      // Special tokens' text (`<|endoftext|>`) is only text in a document.
      tokens = encoder.encode(preToken, [], []).length;
      if (known.size >= maxKnown) known.clear();
      known.set(preToken, tokens);
    }
    count += tokens;
  }
  return count;
}
