import { type DocumentFormat, fileFormatOf } from '@knowhow/rag-core';

export const folderType = 'application/vnd.google-apps.folder';

/** How a file is read: exported (Google's own formats) or downloaded as it is. */
export type DriveReading =
  | { readonly kind: 'export'; readonly mimeType: string; readonly format: DocumentFormat }
  | { readonly kind: 'download'; readonly format: DocumentFormat; readonly mediaType: string };

// Docs as markdown (headings and tables kept), Sheets as CSV (the first sheet), Slides as text.
const exports: Readonly<Record<string, DriveReading>> = {
  'application/vnd.google-apps.document': {
    kind: 'export',
    mimeType: 'text/markdown',
    format: 'markdown',
  },
  'application/vnd.google-apps.spreadsheet': {
    kind: 'export',
    mimeType: 'text/csv',
    format: 'text',
  },
  'application/vnd.google-apps.presentation': {
    kind: 'export',
    mimeType: 'text/plain',
    format: 'text',
  },
};

const uploads: Readonly<Record<string, string>> = {
  'text/markdown': '.md',
  'text/x-markdown': '.md',
  'text/plain': '.txt',
  'text/html': '.html',
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
};

/** How to read a file of this name and type; undefined for what Knowhow cannot read. */
export function driveReading(name: string, mimeType: string): DriveReading | undefined {
  const exported = exports[mimeType];
  if (exported) return exported;
  if (mimeType.startsWith('application/vnd.google-apps.')) return undefined;
  const known = fileFormatOf(name) ?? fileFormatOf(`file${uploads[mimeType] ?? ''}`);
  return known ? { kind: 'download', format: known.format, mediaType: known.mediaType } : undefined;
}
