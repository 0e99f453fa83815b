import { PDFLoader } from '@langchain/community/document_loaders/fs/pdf';
import type { LoadedDocument, LoadedPage } from './loaded-document.js';
import { removeRunningLines } from './running-lines.js';

/** PDF text page by page, without running headers and footers; pages without text (scans, blanks) are left out. */
export async function loadPdf(bytes: Uint8Array): Promise<LoadedDocument> {
  const loader = new PDFLoader(new Blob([bytes]), { splitPages: true });
  const documents = await loader.load();
  const pages: LoadedPage[] = documents.map((document) => ({
    number: (document.metadata as PdfMetadata).loc.pageNumber,
    text: document.pageContent,
  }));
  const info = (documents[0]?.metadata as PdfMetadata | undefined)?.pdf?.info;
  return {
    title: usefulTitle(info?.Title),
    content: { kind: 'pages', pages: removeRunningLines(pages) },
  };
}

interface PdfMetadata {
  readonly loc: { readonly pageNumber: number };
  readonly pdf?: { readonly info?: { readonly Title?: unknown } };
}

// Producers often fill Title with the source file name or a placeholder.
function usefulTitle(title: unknown): string | null {
  if (typeof title !== 'string') return null;
  const trimmed = title.trim();
  if (!trimmed || /^(untitled|microsoft word - .*|.*\.(docx?|pdf|pptx?))$/i.test(trimmed))
    return null;
  return trimmed;
}
