import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { findUp } from './find-up.js';

describe('findUp', () => {
  it('finds the nearest folder or file of that name in the folder or above it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'knowhow-find-up-'));
    const deep = join(root, 'docs', 'hr', '2024');
    await mkdir(deep, { recursive: true });
    await mkdir(join(root, '.knowhow'));
    await writeFile(join(root, 'docs', 'knowhow.yaml'), 'sources: []\n');
    expect(findUp('.knowhow', deep)).toBe(join(root, '.knowhow'));
    expect(findUp('knowhow.yaml', deep)).toBe(join(root, 'docs', 'knowhow.yaml'));
    expect(findUp('.knowhow', root)).toBe(join(root, '.knowhow'));
    await mkdir(join(root, 'docs', '.knowhow'));
    expect(findUp('.knowhow', deep)).toBe(join(root, 'docs', '.knowhow'));
  });

  it('is undefined when no folder up to the root has one', async () => {
    const root = await mkdtemp(join(tmpdir(), 'knowhow-find-up-'));
    expect(findUp('.knowhow-that-nobody-has', root)).toBeUndefined();
  });
});
