import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';

// cl100k is bundled (no download) and close to the chat models' own counts. WordPiece models
// such as bge count ~15% more, so chunk sizes leave that headroom below their 512-token limit.
let encoder: Tiktoken | undefined;

export function countTokens(text: string): number {
  encoder ??= new Tiktoken(cl100k);
  return encoder.encode(text).length;
}
