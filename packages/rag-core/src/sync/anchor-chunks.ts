import type { ChunkInput } from '../store/knowledge-store.js';
import type { HeadingAnchor } from './source.js';

/**
 * Gives each passage the anchor of the heading it sits under (the last part of its heading
 * path), taking the page's headings in order, so a repeated heading gets its own anchor.
 */
export function anchorChunks(
  chunks: readonly ChunkInput[],
  anchors: readonly HeadingAnchor[],
): ChunkInput[] {
  let next = 0;
  return chunks.map((chunk) => {
    const heading = chunk.heading?.split(' > ').at(-1)?.trim();
    if (!heading) return chunk;
    const found = anchors.findIndex((entry, index) => index >= next && entry.heading === heading);
    if (found < 0) return chunk;
    next = found;
    return { ...chunk, anchor: anchors[found]?.anchor ?? null };
  });
}
