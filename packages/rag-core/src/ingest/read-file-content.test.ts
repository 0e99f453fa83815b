import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileContent } from './read-file-content.js';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'knowhow-read-'));
});

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, content);
  return path;
}

describe('readFileContent', () => {
  it('returns the bytes, size and a sha256 of the content', async () => {
    const content = await readFileContent(await file('a.md', '# Hi'), 'markdown', 1024);
    expect(content.sizeBytes).toBe(4);
    expect(content.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a file over the size limit, naming both sizes', async () => {
    const path = await file('big.txt', 'x'.repeat(3 * 1024 * 1024));
    await expect(readFileContent(path, 'text', 2 * 1024 * 1024)).rejects.toMatchObject({
      code: 'file_too_large',
      message: '3.0 MB is over the 2.0 MB limit',
    });
  });

  it('refuses an empty file', async () => {
    await expect(
      readFileContent(await file('empty.md', ''), 'markdown', 1024),
    ).rejects.toMatchObject({ code: 'file_empty' });
  });

  it('refuses a .pdf that is not a PDF', async () => {
    await expect(
      readFileContent(await file('fake.pdf', 'hello'), 'pdf', 1024),
    ).rejects.toMatchObject({ code: 'parse_failed' });
  });

  it('reports a missing file', async () => {
    await expect(
      readFileContent(join(directory, 'nope.md'), 'markdown', 1024),
    ).rejects.toMatchObject({ code: 'file_missing' });
  });
});
