import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A real PDF with one page per entry, each page's lines drawn as text. */
export async function makePdf(
  pages: readonly (readonly string[])[],
  options: { title?: string } = {},
): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  if (options.title) document.setTitle(options.title);
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = document.addPage([595, 842]);
    lines.forEach((line, index) => {
      page.drawText(line, { x: 50, y: 780 - index * 16, size: 11, font });
    });
  }
  return document.save();
}
