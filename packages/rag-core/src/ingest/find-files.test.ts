import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { findFiles } from './find-files.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'knowhow-find-'));
  await mkdir(join(root, 'policies', 'hr'), { recursive: true });
  await mkdir(join(root, '.git'));
  await mkdir(join(root, 'node_modules', 'x'), { recursive: true });
  for (const path of [
    'README.md',
    'policies/hr/leave.pdf',
    'policies/travel.HTML',
    'photo.png',
    '.git/config.md',
    'node_modules/x/a.md',
  ]) {
    await writeFile(join(root, path), 'x');
  }
});

describe('findFiles', () => {
  it('finds supported files under folders with paths relative to the root, in a stable order', async () => {
    const search = await findFiles([root]);
    expect(search.files.map((file) => [file.relativePath, file.format])).toEqual([
      ['policies/hr/leave.pdf', 'pdf'],
      ['policies/travel.HTML', 'html'],
      ['README.md', 'markdown'],
    ]);
    expect(search.roots).toEqual([{ path: root, isDirectory: true, complete: true }]);
  });

  it('lists unsupported files and skips hidden folders and node_modules', async () => {
    const search = await findFiles([root]);
    expect(search.unsupported).toEqual([join(root, 'photo.png')]);
    expect(
      search.files.some((file) => file.path.includes('.git') || file.path.includes('node_modules')),
    ).toBe(false);
  });

  it('takes a single file with its name as the relative path', async () => {
    const search = await findFiles([join(root, 'policies', 'hr', 'leave.pdf')]);
    expect(search.files.map((file) => file.relativePath)).toEqual(['leave.pdf']);
    expect(search.roots[0]?.isDirectory).toBe(false);
  });

  it('reports a path that cannot be read as unreadable, not as missing', async () => {
    const search = await findFiles([join(root, 'README.md', 'inside')]);
    expect(search.unreadable).toEqual([
      expect.objectContaining({
        code: 'file_unreadable',
        error: expect.stringContaining('ENOTDIR'),
      }),
    ]);
  });

  it('reports a path that does not exist', async () => {
    const search = await findFiles([join(root, 'missing')]);
    expect(search.files).toEqual([]);
    expect(search.unreadable).toEqual([
      {
        path: join(root, 'missing'),
        code: 'file_missing',
        error: expect.stringContaining('ENOENT'),
      },
    ]);
  });
});
