import type { Dirent, Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describeError } from '../errors.js';
import { type FileFormat, fileFormatOf } from './file-formats.js';

export interface FoundFile extends FileFormat {
  /** Absolute path. */
  readonly path: string;
  /** The ingest root it was found under (absolute directory). */
  readonly root: string;
  /** Path relative to the root, with `/` separators: what users see as the source. */
  readonly relativePath: string;
}

export interface SearchedRoot {
  readonly path: string;
  readonly isDirectory: boolean;
  /** False when part of the tree could not be read: pruning under it would be unsafe. */
  readonly complete: boolean;
}

export interface FileSearch {
  readonly files: FoundFile[];
  /** Files skipped because their type is not supported. */
  readonly unsupported: string[];
  /** Paths that could not be read at all, with the reason. */
  readonly unreadable: {
    readonly path: string;
    readonly code: 'file_missing' | 'file_unreadable';
    readonly error: string;
  }[];
  readonly roots: SearchedRoot[];
}

function unreadable(path: string, error: unknown): FileSearch['unreadable'][number] {
  const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
  return { path, code: missing ? 'file_missing' : 'file_unreadable', error: describeError(error) };
}

function brokenLink(path: string, error: NodeJS.ErrnoException): FileSearch['unreadable'][number] {
  if (error.code === 'ENOENT')
    return { path, code: 'file_missing', error: 'broken link: its target does not exist' };
  if (error.code === 'ELOOP')
    return { path, code: 'file_unreadable', error: 'link loop: the link leads back to itself' };
  return unreadable(path, error);
}

type EntryKind = Pick<Dirent, 'isFIFO' | 'isSocket' | 'isBlockDevice' | 'isCharacterDevice'>;

// Reading a named pipe would wait for a writer forever; devices and sockets hold no document.
function notAFile(path: string, entry: EntryKind): FileSearch['unreadable'][number] {
  const kind = entry.isFIFO()
    ? 'a named pipe (FIFO)'
    : entry.isSocket()
      ? 'a socket'
      : entry.isBlockDevice() || entry.isCharacterDevice()
        ? 'a device'
        : 'not a regular file';
  return { path, code: 'file_unreadable', error: `not a regular file: ${kind}` };
}

// Hidden entries (.git, .knowhow) and dependency folders are never company documents.
function isIgnored(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** Expands files and folders into the supported files under them, in a stable order. */
export async function findFiles(paths: readonly string[]): Promise<FileSearch> {
  const result: FileSearch = { files: [], unsupported: [], unreadable: [], roots: [] };
  for (const given of paths) {
    const path = resolve(given);
    let info: Stats;
    try {
      info = await stat(path);
    } catch (error) {
      const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
      result.unreadable.push(
        loop ? brokenLink(path, error as NodeJS.ErrnoException) : unreadable(path, error),
      );
      continue;
    }
    if (!info.isDirectory() && !info.isFile()) {
      result.unreadable.push(notAFile(path, info));
      continue;
    }
    if (!info.isDirectory()) {
      addFile(result, path, dirname(path));
      result.roots.push({ path, isDirectory: false, complete: true });
      continue;
    }
    const complete = await walk(result, path, path);
    result.roots.push({ path, isDirectory: true, complete });
  }
  result.files.sort((a, b) => a.path.localeCompare(b.path));
  return result;
}

function addFile(result: FileSearch, path: string, root: string): void {
  const format = fileFormatOf(path);
  if (!format) {
    result.unsupported.push(path);
    return;
  }
  result.files.push({
    ...format,
    path,
    root,
    relativePath: relative(root, path).split(sep).join('/'),
  });
}

async function walk(result: FileSearch, directory: string, root: string): Promise<boolean> {
  let entries: Dirent[];
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    result.unreadable.push(unreadable(directory, error));
    return false;
  }
  let complete = true;
  for (const entry of entries) {
    if (isIgnored(entry.name)) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      complete = (await walk(result, path, root)) && complete;
    } else if (entry.isFile()) {
      addFile(result, path, root);
    } else if (entry.isSymbolicLink()) {
      // Follow links to files; links to folders could loop, so they are not followed.
      const target = await stat(path).then(
        (stats) => ({ stats }),
        (error: unknown) => ({ error: error as NodeJS.ErrnoException }),
      );
      if ('error' in target) result.unreadable.push(brokenLink(path, target.error));
      else if (target.stats.isFile()) addFile(result, path, root);
      else if (!target.stats.isDirectory()) result.unreadable.push(notAFile(path, target.stats));
    } else {
      result.unreadable.push(notAFile(path, entry));
    }
  }
  return complete;
}
