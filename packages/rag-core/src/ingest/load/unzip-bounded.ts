import { unzipSync } from 'fflate';
import { KnowhowError } from '../../errors.js';

export interface UnzipLimits {
  /** Upper bound of the inflated size of the entries kept, summed. */
  readonly maxInflatedBytes: number;
  /** Which entries to inflate; the others are never decompressed. */
  readonly keep: (name: string) => boolean;
}

/**
 * Inflates a zip archive's kept entries without ever holding more than `maxInflatedBytes`.
 * The sizes declared in the central directory are checked before anything is inflated, and
 * each entry inflates into a buffer of its declared size, so an archive that lies about its
 * sizes gets truncated (and fails to parse) instead of growing: a zip bomb costs at most the
 * limit. Throws KnowhowError `file_too_large` over the limit.
 */
export function unzipBounded(bytes: Uint8Array, limits: UnzipLimits): Record<string, Uint8Array> {
  let declared = 0;
  let over = false;
  // fflate's own errors ("invalid zip data") mean a damaged archive.
  const entries = unzipSync(bytes, {
    filter: (entry) => {
      if (over || !limits.keep(entry.name)) return false;
      declared += entry.originalSize;
      over = declared > limits.maxInflatedBytes;
      return !over;
    },
  });
  if (over) {
    throw new KnowhowError(
      'file_too_large',
      `its content inflates to over ${formatMegabytes(limits.maxInflatedBytes)}, the limit for compressed documents`,
    );
  }
  return entries;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}
