import { Document, HeadingLevel, Packer, Paragraph } from 'docx';

export interface DocxSection {
  readonly heading: string;
  readonly level: 1 | 2 | 3;
  readonly paragraphs: readonly string[];
}

const levels = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
} as const;

/** A real Word document whose headings use Word's heading styles (and its Title style). */
export async function makeDocx(
  sections: readonly DocxSection[],
  options: { readonly title?: string } = {},
): Promise<Uint8Array> {
  const title = options.title
    ? [new Paragraph({ text: options.title, heading: HeadingLevel.TITLE })]
    : [];
  const children = sections.flatMap((section) => [
    new Paragraph({ text: section.heading, heading: levels[section.level] }),
    ...section.paragraphs.map((text) => new Paragraph({ text })),
  ]);
  const document = new Document({ sections: [{ children: [...title, ...children] }] });
  return new Uint8Array(await Packer.toBuffer(document));
}
