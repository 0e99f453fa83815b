import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
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

describe('findFiles on links and special files', () => {
  it('reports dangling links, link loops and named pipes by name instead of skipping them', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'knowhow-links-'));
    await writeFile(join(folder, 'good.md'), '# Good');
    await symlink(join(folder, 'gone.md'), join(folder, 'dangling.md'));
    await symlink(join(folder, 'loop-b.md'), join(folder, 'loop-a.md'));
    await symlink(join(folder, 'loop-a.md'), join(folder, 'loop-b.md'));
    execFileSync('mkfifo', [join(folder, 'pipe.md')]);
    const search = await findFiles([folder]);
    expect(search.files.map((file) => file.relativePath)).toEqual(['good.md']);
    expect(
      search.unreadable.map(({ path, code, error }) => [basename(path), code, error]).sort(),
    ).toEqual([
      ['dangling.md', 'file_missing', 'broken link: its target does not exist'],
      ['loop-a.md', 'file_unreadable', 'link loop: the link leads back to itself'],
      ['loop-b.md', 'file_unreadable', 'link loop: the link leads back to itself'],
      ['pipe.md', 'file_unreadable', 'not a regular file: a named pipe (FIFO)'],
    ]);
    expect((await findFiles([join(folder, 'pipe.md')])).unreadable).toHaveLength(1);
  });
});
