import { extname } from 'node:path';

export type DocumentFormat = 'markdown' | 'text' | 'html' | 'pdf' | 'docx';

export interface FileFormat {
  readonly format: DocumentFormat;
  readonly mediaType: string;
}

const formatsByExtension: Readonly<Record<string, FileFormat>> = {
  '.md': { format: 'markdown', mediaType: 'text/markdown' },
  '.markdown': { format: 'markdown', mediaType: 'text/markdown' },
  '.txt': { format: 'text', mediaType: 'text/plain' },
  '.html': { format: 'html', mediaType: 'text/html' },
  '.htm': { format: 'html', mediaType: 'text/html' },
  '.pdf': { format: 'pdf', mediaType: 'application/pdf' },
  '.docx': {
    format: 'docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
};

export const supportedExtensions = Object.keys(formatsByExtension);

/** The format of a file by its extension, or undefined when Knowhow cannot ingest it. */
export function fileFormatOf(path: string): FileFormat | undefined {
  return formatsByExtension[extname(path).toLowerCase()];
}

/** The media type stored for a document of this format. */
export function mediaTypeOf(format: DocumentFormat): string {
  return (
    Object.values(formatsByExtension).find((entry) => entry.format === format)?.mediaType ??
    'application/octet-stream'
  );
}
