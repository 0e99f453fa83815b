import { type DocumentFormat, fileFormatOf } from '@knowhow/rag-core';

const byMediaType: Readonly<Record<string, DocumentFormat>> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'text/markdown': 'markdown',
  'text/plain': 'text',
};

/** The format of a linked document by its media type, or its file name when that is generic. */
export function webFileFormat(mediaType: string, path: string): DocumentFormat | undefined {
  return (
    byMediaType[mediaType] ??
    (mediaType === 'application/octet-stream' || mediaType === ''
      ? fileFormatOf(path)?.format
      : undefined)
  );
}
