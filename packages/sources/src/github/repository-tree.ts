import type { HttpClient } from '../http/http-client.js';

interface TreeEntry {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size?: number;
}
interface TreeAnswer {
  sha: string;
  tree: TreeEntry[];
  truncated?: boolean;
}

/** A file of the tree: its path and blob sha. */
export interface TreeFile {
  readonly path: string;
  readonly sha: string;
  readonly size: number | undefined;
}

/**
 * Every file of a tree: one recursive request, or, when GitHub truncates that answer (over
 * 100,000 entries or 7 MB), one request per directory.
 */
export async function listTree(
  client: HttpClient,
  repository: string,
  treeSha: string,
  signal: AbortSignal,
): Promise<TreeFile[]> {
  const tree = (sha: string, recursive: boolean) =>
    client.json<TreeAnswer>(`repos/${repository}/git/trees/${sha}`, {
      ...(recursive ? { searchParams: { recursive: 1 } } : {}),
      signal,
    });
  const whole = await tree(treeSha, true);
  if (!whole.truncated) return files(whole.tree, '');
  const found: TreeFile[] = [];
  const directories: { sha: string; prefix: string }[] = [{ sha: treeSha, prefix: '' }];
  for (let next = directories.pop(); next; next = directories.pop()) {
    const answer = await tree(next.sha, false);
    found.push(...files(answer.tree, next.prefix));
    for (const entry of answer.tree) {
      if (entry.type === 'tree')
        directories.push({ sha: entry.sha, prefix: `${next.prefix}${entry.path}/` });
    }
  }
  return found;
}

// Blobs only: submodules (`commit`) live elsewhere, symlinks (mode 120000) hold a path.
function files(entries: readonly TreeEntry[], prefix: string): TreeFile[] {
  return entries
    .filter((entry) => entry.type === 'blob' && entry.mode !== '120000')
    .map((entry) => ({ path: `${prefix}${entry.path}`, sha: entry.sha, size: entry.size }));
}
