import { createHash } from 'node:crypto';
import { type FakeRequest, type FakeResponse, FakeService } from './fake-service.js';

interface TreeEntry {
  path: string;
  mode: string;
  type: 'blob' | 'tree';
  sha: string;
  size?: number;
}

/**
 * GitHub's REST API on localhost: a repository with branches, its trees (recursive, truncated
 * on demand) and blobs by git's own shas, Bearer tokens, 404 for a private repository without
 * one, and (through the service's throttle) secondary rate limits answered 403 + Retry-After.
 */
export class FakeGithub {
  readonly owner = 'acme';
  readonly name = 'handbook';
  defaultBranch = 'main';
  /** Set: the repository is private and wants this token. */
  token: string | undefined;
  /** Prefix of every API path: '' for github.com, '/api/v3' for GitHub Enterprise Server. */
  apiPrefix = '';
  /** Where the repository's pages live: `https://github.com`, or the Enterprise host. */
  htmlOrigin = 'https://github.com';
  /** Recursive tree answers are truncated (as GitHub does past 100,000 entries). */
  truncate = false;
  /** Files per branch, by path. */
  readonly branches = new Map<string, Map<string, Uint8Array>>([['main', new Map()]]);
  readonly #blobs = new Map<string, Uint8Array>();
  readonly #trees = new Map<string, TreeEntry[]>();

  private constructor(readonly service: FakeService) {}

  static async start(): Promise<FakeGithub> {
    const holder: { github?: FakeGithub } = {};
    const service = await FakeService.start((request) =>
      holder.github ? holder.github.#route(request) : { status: 503 },
    );
    holder.github = new FakeGithub(service);
    return holder.github;
  }

  /** The API's base URL, as `api_url` takes it. */
  get apiUrl(): string {
    return `${this.service.origin}${this.apiPrefix}`;
  }

  get htmlUrl(): string {
    return `${this.htmlOrigin}/${this.owner}/${this.name}`;
  }

  write(path: string, content: string | Uint8Array, branch = this.defaultBranch): void {
    const files = this.branches.get(branch) ?? new Map<string, Uint8Array>();
    files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    this.branches.set(branch, files);
  }

  remove(path: string, branch = this.defaultBranch): void {
    this.branches.get(branch)?.delete(path);
  }

  move(from: string, to: string, branch = this.defaultBranch): void {
    const files = this.branches.get(branch);
    const content = files?.get(from);
    if (!files || !content) throw new Error(`no file ${from}`);
    files.delete(from);
    files.set(to, content);
  }

  /** Blob downloads so far. */
  blobDownloads(): number {
    return this.service.count(/\/git\/blobs\//);
  }

  close(): Promise<void> {
    return this.service.close();
  }

  #route(request: FakeRequest): FakeResponse {
    const authorization = request.headers.authorization;
    if (authorization !== undefined && authorization !== `Bearer ${this.token}`) {
      return { status: 401, body: { message: 'Bad credentials', status: '401' } };
    }
    if (!request.path.startsWith(`${this.apiPrefix}/repos/`)) return notFound();
    const rest = request.path.slice(`${this.apiPrefix}/repos/`.length);
    const repository = `${this.owner}/${this.name}`;
    if (!rest.startsWith(repository) || (this.token && authorization === undefined))
      return notFound();
    const path = rest.slice(repository.length);
    if (path === '') {
      return {
        body: {
          full_name: repository,
          html_url: this.htmlUrl,
          default_branch: this.defaultBranch,
          private: this.token !== undefined,
          visibility: this.token !== undefined ? 'private' : 'public',
        },
      };
    }
    let match = /^\/branches\/(.+)$/.exec(path);
    if (match) {
      const name = match[1] ?? '';
      const files = this.branches.get(name);
      if (!files) return notFound('Branch not found');
      const tree = this.#tree(files);
      const sha = sha1(`commit ${name} ${tree}`);
      return { body: { name, commit: { sha, commit: { tree: { sha: tree } } } } };
    }
    match = /^\/git\/trees\/([0-9a-f]{40})$/.exec(path);
    if (match) {
      const sha = match[1] ?? '';
      const entries = this.#trees.get(sha);
      if (!entries) return notFound();
      if (request.query.get('recursive') === null)
        return { body: { sha, tree: entries, truncated: false } };
      const all = this.#flatten(entries, '');
      return this.truncate
        ? { body: { sha, tree: all.slice(0, Math.ceil(all.length / 2)), truncated: true } }
        : { body: { sha, tree: all, truncated: false } };
    }
    match = /^\/git\/blobs\/([0-9a-f]{40})$/.exec(path);
    if (match) {
      const blob = this.#blobs.get(match[1] ?? '');
      if (!blob) return notFound();
      return {
        body: {
          sha: match[1],
          size: blob.byteLength,
          encoding: 'base64',
          content: Buffer.from(blob)
            .toString('base64')
            .replace(/(.{60})/g, '$1\n'),
        },
      };
    }
    return notFound();
  }

  /** Builds the git trees of a file map (shas as git computes them) and returns the root's. */
  #tree(files: ReadonlyMap<string, Uint8Array>, prefix = ''): string {
    const names = new Map<string, 'blob' | 'tree'>();
    for (const path of files.keys()) {
      if (!path.startsWith(prefix)) continue;
      const [name = '', ...below] = path.slice(prefix.length).split('/');
      names.set(name, below.length > 0 ? 'tree' : 'blob');
    }
    const entries: TreeEntry[] = [...names]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, type]) => {
        if (type === 'tree') {
          return { path: name, mode: '040000', type, sha: this.#tree(files, `${prefix}${name}/`) };
        }
        const content = files.get(`${prefix}${name}`) ?? new Uint8Array();
        const sha = sha1(Buffer.concat([Buffer.from(`blob ${content.byteLength}\0`), content]));
        this.#blobs.set(sha, content);
        return { path: name, mode: '100644', type, sha, size: content.byteLength };
      });
    const sha = sha1(JSON.stringify(entries));
    this.#trees.set(sha, entries);
    return sha;
  }

  #flatten(entries: readonly TreeEntry[], prefix: string): TreeEntry[] {
    return entries.flatMap((entry) => [
      { ...entry, path: `${prefix}${entry.path}` },
      ...(entry.type === 'tree'
        ? this.#flatten(this.#trees.get(entry.sha) ?? [], `${prefix}${entry.path}/`)
        : []),
    ]);
  }
}

function sha1(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

function notFound(message = 'Not Found'): FakeResponse {
  return {
    status: 404,
    body: { message, documentation_url: 'https://docs.github.com/rest', status: '404' },
  };
}
