import { describe, expect, it } from '@jest/globals';
import type { ChunkInput } from '../store/knowledge-store.js';
import { anchorChunks } from './anchor-chunks.js';

const chunk = (heading: string | null): ChunkInput => ({
  text: 'text',
  heading,
  pageStart: null,
  pageEnd: null,
  tokenCount: 1,
});

describe('anchorChunks', () => {
  it('links each passage to the last heading of its path, in page order', () => {
    const anchors = [
      { heading: 'Setup', anchor: 'setup' },
      { heading: 'Install', anchor: 'install' },
      { heading: 'Usage', anchor: 'usage' },
      { heading: 'Install', anchor: 'install-1' },
    ];
    const chunks = [
      chunk(null),
      chunk('Setup'),
      chunk('Setup > Install'),
      chunk('Setup > Install'),
      chunk('Usage'),
      chunk('Usage > Install'),
      chunk('Unknown'),
    ];
    expect(anchorChunks(chunks, anchors).map((entry) => entry.anchor ?? null)).toEqual([
      null,
      'setup',
      'install',
      'install',
      'usage',
      // After "Usage", the next "Install" is the repeated one.
      'install-1',
      null,
    ]);
  });
});
