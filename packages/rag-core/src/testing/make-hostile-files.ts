import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeDocxBomb } from './make-docx-bomb.js';

/** How `knowhow ingest` must treat each hostile file: ingested, or reported with this reason. */
export type HostileExpectation = { readonly ingested: string } | { readonly reported: RegExp };

const megabyte = 1024 * 1024;

// Latin-1 and UTF-16 exports are text, not binary: they must be searchable afterwards.
const latin1 = Buffer.from(
  'Überstunden werden vergütet: Kaffeepause à 15 minutes, café inclus.',
  'latin1',
);
const utf16 = Buffer.concat([
  Buffer.from([0xff, 0xfe]),
  Buffer.from('Quarterly stocktaking happens in the Zürich warehouse.', 'utf16le'),
]);

/**
 * Writes the hostile files of issue 10 under `root/hostile` (and odd but valid ones under
 * `root/odd`), returning what must become of each, by path relative to `root`. `full` makes
 * them as large as reported (a 9 MB nested list, a 1.5 GB docx bomb); otherwise smaller
 * copies of the same shapes, for tests.
 */
export async function makeHostileFiles(
  root: string,
  { full = false }: { full?: boolean } = {},
): Promise<Record<string, HostileExpectation>> {
  const levels = full ? 3000 : 1000;
  const files: Record<string, [string | Uint8Array, HostileExpectation]> = {
    'hostile/padded-spaces.txt': [
      Array.from(
        { length: full ? 500 : 100 },
        (_, line) => `paddedspaces line ${line}${' '.repeat(600)}end`,
      ).join('\n'),
      { ingested: 'paddedspaces' },
    ],
    'hostile/padded-tabs-dots.txt': [
      Array.from(
        { length: full ? 1500 : 200 },
        (_, line) => `tabsdots ${line}${'\t'.repeat(300)}${'.'.repeat(300)}`,
      ).join('\n'),
      { ingested: 'tabsdots' },
    ],
    'hostile/nested-list.md': [
      Array.from(
        { length: levels },
        (_, level) => `${' '.repeat(2 * level)}- nestedlist level ${level}`,
      ).join('\n'),
      { ingested: 'nestedlist' },
    ],
    // Deeper than browsers nest: flattened, its text kept.
    'hostile/nested-divs.html': [
      `${'<div>'.repeat(100_000)}nesteddivs${'</div>'.repeat(100_000)}`,
      { ingested: 'nesteddivs' },
    ],
    'hostile/bomb.docx': [
      await makeDocxBomb(200 * megabyte),
      { reported: /bomb\.docx: too large: its content inflates to over 64 MB/ },
    ],
    'hostile/bomb-lying.docx': [
      await makeDocxBomb((full ? 1500 : 200) * megabyte, { lie: true }),
      { reported: /bomb-lying\.docx: could not be parsed/ },
    ],
    'hostile/random.txt': [
      new Uint8Array(Array.from({ length: 64 * 1024 }, (_, index) => (index * 7919 + 13) % 256)),
      { reported: /random\.txt: binary content/ },
    ],
    'odd/latin1.txt': [latin1, { ingested: 'Überstunden' }],
    'odd/utf16.txt': [utf16, { ingested: 'stocktaking' }],
    'odd/new\nline.md': [
      '# Newline name\n\nThe newlinename document has a line break in its file name.',
      { ingested: 'newlinename' },
    ],
  };
  if (full) {
    files['hostile/bomb-1500.docx'] = [
      await makeDocxBomb(1500 * megabyte),
      { reported: /bomb-1500\.docx: too large: its content inflates to over 64 MB/ },
    ];
  }
  const expectations: Record<string, HostileExpectation> = {};
  for (const [path, [content, expectation]] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
    expectations[path] = expectation;
  }
  await symlink(join(root, 'hostile', 'gone.md'), join(root, 'hostile', 'dangling.md'));
  await symlink(join(root, 'hostile', 'loop-b.md'), join(root, 'hostile', 'loop-a.md'));
  await symlink(join(root, 'hostile', 'loop-a.md'), join(root, 'hostile', 'loop-b.md'));
  execFileSync('mkfifo', [join(root, 'hostile', 'pipe.md')]);
  Object.assign(expectations, {
    'hostile/dangling.md': { reported: /dangling\.md: not found: broken link/ },
    'hostile/loop-a.md': { reported: /loop-a\.md: unreadable: link loop/ },
    'hostile/loop-b.md': { reported: /loop-b\.md: unreadable: link loop/ },
    'hostile/pipe.md': { reported: /pipe\.md: unreadable: not a regular file: a named pipe/ },
  });
  return expectations;
}
