import { createHash } from 'node:crypto';
import { extname, posix } from 'node:path';
import {
  type ItemContent,
  type JsonValue,
  type ListingEnd,
  type ListRequest,
  type Source,
  type SourceChange,
  type SourceItem,
  textContent,
} from '@knowhow/rag-core';
import picomatch from 'picomatch';
import { createHttpClient, type HttpClient, type RetryNotice } from '../http/http-client.js';
import { isSourceError, sourceError } from '../source-error.js';
import { type GithubSettings, githubHints } from './github-settings.js';
import {
  encodePath,
  type FileLocation,
  headingAnchors,
  readMarkdownFile,
} from './repository-file.js';
import { listTree, type TreeFile } from './repository-tree.js';

interface Repository {
  full_name: string;
  html_url: string;
  default_branch: string;
  private?: boolean;
  visibility?: string;
}
interface Branch {
  name: string;
  commit: { sha: string; commit: { tree: { sha: string } } };
}

/** What is kept per file: where it is now and its blob, so a rename keeps its document. */
interface FileState {
  path: string;
  sha: string;
  [key: string]: JsonValue;
}

type Reader = 'markdown' | 'text' | 'html' | 'pdf' | 'docx';
const readers: Readonly<Record<string, Reader>> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdx': 'markdown',
  '.txt': 'text',
  '.rst': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
};
const lfsPointer = 'version https://git-lfs.github.com/spec/v1';

/**
 * A GitHub (or GitHub Enterprise) repository through the REST API: each pass reads the
 * branch's tree in one request and downloads only blobs whose sha changed. Files are tracked
 * by the path they were first seen at; a file moved with its content unchanged keeps its id.
 */
export class GithubSource implements Source {
  readonly #settings: GithubSettings;
  readonly #client: HttpClient;
  readonly #included: (path: string) => boolean;
  readonly #excluded: (path: string) => boolean;
  #location: { blobBase: string; rawBase: string } | undefined;

  constructor(settings: GithubSettings, options: { onRetry?: (notice: RetryNotice) => void } = {}) {
    this.#settings = settings;
    this.#included = picomatch(settings.paths, { dot: false });
    this.#excluded = settings.exclude.length > 0 ? picomatch(settings.exclude) : () => false;
    this.#client = createHttpClient({
      service: 'GitHub',
      baseUrl: `${settings.api_url}/`,
      headers: () => ({
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}),
      }),
      userAgent: 'Knowhow-sync',
      hints: githubHints,
      // GitHub's secondary rate limit answers 403 (or 429) with Retry-After.
      rateLimitStatuses: [403],
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    });
  }

  async *list(request: ListRequest): AsyncGenerator<SourceChange, ListingEnd, undefined> {
    const { signal } = request;
    const repository = await this.#repository(signal);
    const branchName = this.#settings.branch ?? repository.default_branch;
    const branch = await this.#branch(branchName, signal);
    const encodedBranch = encodePath(branch.name);
    this.#location = {
      blobBase: `${repository.html_url}/blob/${encodedBranch}`,
      rawBase: `${repository.html_url}/raw/${encodedBranch}`,
    };
    const files = (
      await listTree(this.#client, this.#repositoryPath(), branch.commit.commit.tree.sha, signal)
    ).filter((file) => this.#inScope(file.path));
    const permissions = {
      repository: repository.full_name,
      visibility: repository.visibility ?? (repository.private ? 'private' : 'public'),
    };
    for (const { file, id } of assignIds(files, request.known)) {
      yield { type: 'item', item: this.#item(file, id, branch.name, permissions) };
    }
    return { cursor: branch.commit.sha, complete: true };
  }

  async fetch(item: SourceItem, signal: AbortSignal): Promise<ItemContent> {
    const state = item.state as FileState;
    const blob = await this.#client.json<{ content?: string; encoding?: string }>(
      `repos/${this.#repositoryPath()}/git/blobs/${state.sha}`,
      { signal },
    );
    if (blob.encoding !== 'base64' || typeof blob.content !== 'string') {
      throw sourceError('bad_response', `GitHub sent ${state.path} without base64 content`);
    }
    const bytes = new Uint8Array(Buffer.from(blob.content, 'base64'));
    if (Buffer.from(bytes.subarray(0, lfsPointer.length)).toString('latin1') === lfsPointer) {
      throw sourceError(
        'unsupported',
        `${state.path} is a Git LFS pointer; the API serves LFS files' pointers, not their content`,
      );
    }
    const reader = readerOf(state.path) ?? 'text';
    if (reader !== 'markdown') return { format: reader, bytes };
    const location: FileLocation = { ...this.#locationOrFail(), path: state.path };
    const { title, markdown } = readMarkdownFile(new TextDecoder().decode(bytes), location);
    const heading = /^#[ \t]+(.+?)[ \t#]*$/m.exec(markdown)?.[1];
    return {
      ...textContent('markdown', markdown),
      mediaType: 'text/markdown',
      anchors: headingAnchors(markdown),
      ...((title ?? heading) ? { title: title ?? heading } : {}),
    };
  }

  #inScope(path: string): boolean {
    return readerOf(path) !== undefined && this.#included(path) && !this.#excluded(path);
  }

  #repositoryPath(): string {
    return this.#settings.repo.split('/').map(encodeURIComponent).join('/');
  }

  #locationOrFail(): { blobBase: string; rawBase: string } {
    if (!this.#location) throw new Error('GitHub: fetch before list');
    return this.#location;
  }

  async #repository(signal: AbortSignal): Promise<Repository> {
    return this.#client
      .json<Repository>(`repos/${this.#repositoryPath()}`, { signal })
      .catch((error: unknown) => {
        if (isSourceError(error, 'not_found')) {
          throw sourceError(
            'not_found',
            `GitHub has no repository ${this.#settings.repo} that ${this.#settings.token ? 'this token' : 'an anonymous caller'} can see. Check repo in knowhow.yaml${this.#settings.token ? ' and the token’s repository access' : ', and set token for a private repository'}`,
            { status: 404 },
          );
        }
        throw error;
      });
  }

  async #branch(name: string, signal: AbortSignal): Promise<Branch> {
    return this.#client
      .json<Branch>(`repos/${this.#repositoryPath()}/branches/${encodePath(name)}`, { signal })
      .catch((error: unknown) => {
        if (isSourceError(error, 'not_found')) {
          throw sourceError(
            'not_found',
            `GitHub: ${this.#settings.repo} has no branch ${name}. Check branch in knowhow.yaml (leave it out for the default branch)`,
            { status: 404 },
          );
        }
        throw error;
      });
  }

  #item(file: TreeFile, id: string, branch: string, permissions: JsonValue): SourceItem {
    const { blobBase } = this.#locationOrFail();
    const where = createHash('sha256').update(`${branch}\n${file.path}`).digest('base64url');
    const state: FileState = { path: file.path, sha: file.sha };
    const name = posix.basename(file.path, extname(file.path));
    return {
      id,
      version: `${file.sha}:${where.slice(0, 12)}`,
      title: name.replace(/[_-]+/g, ' ').trim() || name,
      url: `${blobBase}/${encodePath(file.path)}`,
      path: file.path,
      permissions,
      state,
    };
  }
}

function readerOf(path: string): Reader | undefined {
  return readers[extname(path).toLowerCase()];
}

/**
 * Ids for this tree's files: the id of the known file at the same path; else, for a path that
 * is new, the id of a known file that vanished with the same blob (a rename); else the path
 * (made unique when an earlier rename still holds it).
 */
function assignIds(
  files: readonly TreeFile[],
  known: ListRequest['known'],
): { file: TreeFile; id: string }[] {
  const byPath = new Map<string, string>();
  for (const [id, item] of known) {
    const path = (item.state as FileState | null)?.path ?? id;
    byPath.set(path, id);
  }
  const present = new Set(files.map((file) => file.path));
  const vanished = new Map<string, string[]>();
  for (const [path, id] of byPath) {
    if (present.has(path)) continue;
    const sha = (known.get(id)?.state as FileState | null)?.sha;
    if (sha) vanished.set(sha, [...(vanished.get(sha) ?? []), id]);
  }
  const taken = new Set<string>();
  const assigned: { file: TreeFile; id: string }[] = [];
  const fresh: TreeFile[] = [];
  for (const file of files) {
    const id = byPath.get(file.path);
    if (id === undefined) fresh.push(file);
    else {
      taken.add(id);
      assigned.push({ file, id });
    }
  }
  for (const file of fresh) {
    let id = vanished.get(file.sha)?.shift();
    if (id === undefined) {
      id = file.path;
      for (let n = 2; taken.has(id); n += 1) id = `${file.path}#${n}`;
    }
    taken.add(id);
    assigned.push({ file, id });
  }
  return assigned;
}
