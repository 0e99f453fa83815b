import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { KnowhowError } from '../errors.js';
import type { DocumentFormat } from './file-formats.js';

export interface FileContent {
  readonly bytes: Uint8Array;
  readonly sizeBytes: number;
  /** sha256 of the bytes, hex. */
  readonly contentHash: string;
}

/**
 * Reads a file for ingestion, refusing what cannot be a document of its format: too large,
 * empty, unreadable, or without its format's signature. Throws KnowhowError with the reason.
 * Text is decoded (and binary refused) when the document is loaded, in its parse budget.
 */
export async function readFileContent(
  path: string,
  format: DocumentFormat,
  maxBytes: number,
): Promise<FileContent> {
  const info = await stat(path).catch((error: unknown) => {
    throw new KnowhowError('file_missing', `cannot read ${path}`, { cause: error });
  });
  if (info.size > maxBytes) {
    throw new KnowhowError(
      'file_too_large',
      `${formatMegabytes(info.size)} is over the ${formatMegabytes(maxBytes)} limit`,
    );
  }
  if (info.size === 0) throw new KnowhowError('file_empty', 'the file is empty');
  const bytes = await readFile(path).catch((error: unknown) => {
    throw new KnowhowError('file_unreadable', describeReadError(error), { cause: error });
  });
  assertSignature(bytes, format);
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  return { bytes, sizeBytes: bytes.byteLength, contentHash };
}

const signatures: Partial<Record<DocumentFormat, { bytes: string; name: string }>> = {
  pdf: { bytes: '%PDF-', name: 'PDF' },
  docx: { bytes: 'PK', name: 'Word (.docx)' },
};

function assertSignature(bytes: Uint8Array, format: DocumentFormat): void {
  const signature = signatures[format];
  if (!signature) return;
  // PDF allows up to 1 KB of junk before the header.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const found =
    format === 'pdf' ? head.includes(signature.bytes) : head.startsWith(signature.bytes);
  if (!found) {
    throw new KnowhowError('parse_failed', `not a ${signature.name} file (wrong file signature)`);
  }
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return `cannot read the file (${code ?? String(error)})`;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
