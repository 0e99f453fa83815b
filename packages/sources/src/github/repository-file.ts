import GithubSlugger from 'github-slugger';
import { parse as parseYaml } from 'yaml';

const frontMatter = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const fence = /^ {0,3}(`{3,}|~{3,})/;
const inlineLink = /(!?\[[^\]\n]*\]\()(<[^>\n]*>|[^()\s]+)(\s+"[^"\n]*"\s*)?\)/g;
const referenceDefinition = /^( {0,3}\[[^\]\n]+\]:[ \t]*)(<[^>\n]*>|\S+)/gm;
const scheme = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i;
const atxHeading = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;

/** Where a file sits on GitHub: links are made absolute against it. */
export interface FileLocation {
  /** `https://github.com/acme/handbook/blob/main`, segments encoded. */
  readonly blobBase: string;
  /** `https://github.com/acme/handbook/raw/main`, for images. */
  readonly rawBase: string;
  /** The file's path in the repository: `docs/setup/laptop.md`. */
  readonly path: string;
}

/**
 * A markdown file's title from its front matter (YAML), and its text without the front matter
 * and with relative links made absolute, so passages and answers link to GitHub, not nowhere.
 */
export function readMarkdownFile(
  text: string,
  location: FileLocation,
): { title: string | undefined; markdown: string } {
  const match = frontMatter.exec(text);
  const title = match ? frontMatterTitle(match[1] ?? '') : undefined;
  const body = match ? text.slice(match[0].length) : text;
  return { title, markdown: absoluteLinks(body, location) };
}

function frontMatterTitle(yaml: string): string | undefined {
  try {
    const data: unknown = parseYaml(yaml);
    const title = (data as { title?: unknown } | null)?.title;
    return typeof title === 'string' && title.trim() ? title.trim() : undefined;
  } catch {
    // Broken front matter is text the author meant to hide; the file still syncs.
    return undefined;
  }
}

/** Rewrites inline links, images and reference definitions outside fenced code. */
export function absoluteLinks(markdown: string, location: FileLocation): string {
  const lines = markdown.split('\n');
  let open: string | undefined;
  const resolve = (target: string, image: boolean) => resolveLink(target, location, image);
  return lines
    .map((line) => {
      const marker = fence.exec(line)?.[1];
      if (marker && (!open || (marker[0] === open[0] && marker.length >= open.length))) {
        open = open ? undefined : marker;
        return line;
      }
      if (open) return line;
      return line
        .replace(inlineLink, (_all, start: string, target: string, title: string | undefined) => {
          return `${start}${resolve(target, start.startsWith('!'))}${title ?? ''})`;
        })
        .replace(referenceDefinition, (_all, start: string, target: string) => {
          return `${start}${resolve(target, false)}`;
        });
    })
    .join('\n');
}

function resolveLink(raw: string, location: FileLocation, image: boolean): string {
  const bracketed = raw.startsWith('<') && raw.endsWith('>');
  const target = bracketed ? raw.slice(1, -1) : raw;
  if (!target || scheme.test(target)) return raw;
  const fileUrl = `${location.blobBase}/${encodePath(location.path)}`;
  let absolute: string;
  if (target.startsWith('#')) absolute = `${fileUrl}${target}`;
  else {
    const base = image ? location.rawBase : location.blobBase;
    const directory = location.path.includes('/')
      ? `${encodePath(location.path.slice(0, location.path.lastIndexOf('/')))}/`
      : '';
    const url = target.startsWith('/')
      ? new URL(`${base}${target}`)
      : new URL(target, `${base}/${directory}`);
    absolute = url.href;
  }
  return bracketed ? `<${absolute}>` : absolute;
}

/** Each segment percent-encoded, the slashes kept: `docs/Read%20me.md`. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * The ATX headings outside fenced code, in order, with the anchors GitHub gives them (its
 * slugger: lowercase, punctuation dropped, spaces as dashes, repeats numbered).
 */
export function headingAnchors(markdown: string): { heading: string; anchor: string }[] {
  const slugger = new GithubSlugger();
  const anchors: { heading: string; anchor: string }[] = [];
  let open: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = fence.exec(line)?.[1];
    if (marker && (!open || (marker[0] === open[0] && marker.length >= open.length))) {
      open = open ? undefined : marker;
      continue;
    }
    const text = open ? undefined : atxHeading.exec(line)?.[1];
    if (!text) continue;
    // As passages name headings: link targets and emphasis markers dropped.
    const heading = text
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[*_`~]/g, '')
      .trim();
    anchors.push({ heading, anchor: slugger.slug(heading) });
  }
  return anchors;
}
