import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDocx, makePdf } from '@knowhow/rag-core/testing';

/** Good documents of every supported format, by relative path. */
export const goodFiles = [
  'benefits/dental-plan.pdf',
  'benefits/expenses.docx',
  'it/passwords.html',
  'leave.md',
  'office.txt',
];

/** Broken files, each with the reason the ingest summary must give. */
export const brokenFiles: Readonly<Record<string, RegExp>> = {
  'broken/corrupt.pdf': /corrupt\.pdf: could not be parsed/,
  'broken/damaged.docx': /damaged\.docx: could not be parsed: not a valid Word/,
  'broken/empty.md': /empty\.md: empty/,
  'broken/binary.txt': /binary\.txt: binary content/,
  'broken/scanned.pdf': /scanned\.pdf: no text/,
  'broken/huge.txt': /huge\.txt: too large: .* MB is over the 0\.1 MB limit/,
};

// A realistic page: 40 lines, about 500 tokens, so passages do not span the whole file.
function filler(sentence: string): string[] {
  return Array.from({ length: 40 }, (_, line) => `${sentence} Line ${line + 1} of this section.`);
}

/** A small company handbook in a fresh temporary folder: every format, broken files included. */
export async function makeHandbook(options: { broken?: boolean } = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'knowhow-handbook-'));
  await mkdir(join(root, 'benefits'));
  await mkdir(join(root, 'it'));
  const files: Record<string, string | Uint8Array> = {
    'leave.md':
      '# Leave policy\n\n## Vacation\n\nEvery employee gets 28 vacation days a year.\n\n## Parental leave\n\nParents get 16 weeks of paid parental leave.\n',
    'office.txt': 'The office opens at 8:00. Visitors sign in at the reception desk.',
    'it/passwords.html':
      '<html><head><title>Password rules</title></head><body><h1>Passwords</h1><p>Use a password manager.</p><h2>Rotation</h2><p>Change the VPN password every 180 days.</p></body></html>',
    'benefits/dental-plan.pdf': await makePdf(
      [
        filler(
          'The dental plan covers check-ups, cleanings and fillings for employees and families.',
        ),
        [
          ...filler('Specialist care needs a referral from your dentist first.').slice(0, 20),
          'Orthodontics is covered up to 1500 EUR per child.',
          ...filler('Keep every invoice from the specialist.').slice(0, 20),
        ],
        filler('Claims go through the benefits portal within ninety days.'),
      ],
      { title: 'Dental Plan' },
    ),
    'benefits/expenses.docx': await makeDocx([
      { heading: 'Expenses', level: 1, paragraphs: ['Submit receipts within 30 days.'] },
      {
        heading: 'Meals',
        level: 2,
        paragraphs: ['Meals on business trips are reimbursed up to 45 EUR per day.'],
      },
    ]),
    'photo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
  };
  if (options.broken) {
    await mkdir(join(root, 'broken'));
    Object.assign(files, {
      'broken/corrupt.pdf': '%PDF-1.7\nthis is not really a pdf',
      'broken/damaged.docx': 'PK\u0003\u0004 not a zip archive',
      'broken/empty.md': '',
      'broken/binary.txt': new Uint8Array([0x00, 0x01, 0x02, 0xff]),
      'broken/scanned.pdf': await makePdf([[], []]),
      'broken/huge.txt': 'word '.repeat(40_000),
    });
  }
  for (const [path, content] of Object.entries(files)) await writeFile(join(root, path), content);
  return root;
}
