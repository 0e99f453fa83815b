import { parseHTML } from 'linkedom';
import { htmlToMarkdown } from '../markdown/html-to-markdown.js';

/** Finds the web link of a page named in a link macro, within the pages listed this pass. */
export type PageLinks = (title: string, spaceKey: string | undefined) => string | undefined;

const codeMacros = new Set(['code', 'code-block', 'noformat']);
const panelMacros = new Set(['info', 'note', 'warning', 'tip', 'panel', 'expand', 'excerpt']);
// Macros that render other content (tables of contents, page trees, Jira lists) or nothing.
const droppedMacros = new Set([
  'toc',
  'children',
  'recently-updated',
  'pagetree',
  'attachments',
  'jira',
  'anchor',
]);

/**
 * Confluence storage format (XHTML with `ac:` macros and `ri:` resources) to markdown:
 * headings, tables, lists and links kept, code macros as fenced code with their language,
 * panels as quotes, links to other pages resolved to their web links.
 */
export function storageToMarkdown(storage: string, links: PageLinks = () => undefined): string {
  const { document } = parseHTML(`<!doctype html><html><body>${prepare(storage)}</body></html>`);
  const body = document.body;
  for (const element of [...body.querySelectorAll('*')].reverse())
    rewrite(document, element, links);
  return htmlToMarkdown(body.innerHTML);
}

/** The HTML parser knows neither CDATA sections nor self-closing custom elements. */
function prepare(storage: string): string {
  return storage
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, text: string) => escapeHtml(text))
    .replace(/<((?:ac|ri):[\w-]+)([^>]*?)\s*\/>/g, '<$1$2></$1>');
}

function rewrite(document: Document, element: Element, links: PageLinks): void {
  switch (element.localName) {
    case 'ac:structured-macro':
    case 'ac:macro':
      return rewriteMacro(document, element);
    case 'ac:link':
      return rewriteLink(document, element, links);
    case 'ac:task-list': {
      const list = document.createElement('ul');
      for (const task of element.querySelectorAll('ac\\:task')) {
        const done = task.querySelector('ac\\:task-status')?.textContent?.trim() === 'complete';
        const item = document.createElement('li');
        item.textContent = `[${done ? 'x' : ' '}] ${task.querySelector('ac\\:task-body')?.textContent?.trim() ?? ''}`;
        list.appendChild(item);
      }
      return element.replaceWith(list);
    }
    case 'ac:image':
    case 'ac:emoticon':
    case 'ac:placeholder':
      return element.remove();
  }
}

function rewriteMacro(document: Document, macro: Element): void {
  const name = macro.getAttribute('ac:name') ?? '';
  const parameter = (key: string) =>
    [...macro.children]
      .find((child) => child.localName === 'ac:parameter' && child.getAttribute('ac:name') === key)
      ?.textContent?.trim();
  if (codeMacros.has(name)) {
    const pre = document.createElement('pre');
    const code = document.createElement('code');
    const language = parameter('language');
    if (language) code.setAttribute('class', `language-${language}`);
    code.textContent =
      [...macro.children].find((child) => child.localName === 'ac:plain-text-body')?.textContent ??
      '';
    pre.appendChild(code);
    return macro.replaceWith(pre);
  }
  if (droppedMacros.has(name)) return macro.remove();
  const body = [...macro.children].find((child) => child.localName === 'ac:rich-text-body');
  if (!body) return macro.remove();
  if (panelMacros.has(name)) {
    const quote = document.createElement('blockquote');
    const title = parameter('title');
    if (title) {
      const heading = document.createElement('p');
      heading.innerHTML = `<strong>${escapeHtml(title)}</strong>`;
      quote.appendChild(heading);
    }
    quote.append(...body.childNodes);
    return macro.replaceWith(quote);
  }
  macro.replaceWith(...body.childNodes);
}

function rewriteLink(document: Document, link: Element, links: PageLinks): void {
  const page = [...link.children].find((child) => child.localName === 'ri:page');
  const label =
    [...link.children]
      .find(
        (child) =>
          child.localName === 'ac:plain-text-link-body' || child.localName === 'ac:link-body',
      )
      ?.textContent?.trim() ||
    page?.getAttribute('ri:content-title') ||
    link.textContent?.trim() ||
    '';
  const title = page?.getAttribute('ri:content-title');
  const href = title ? links(title, page?.getAttribute('ri:space-key') ?? undefined) : undefined;
  if (!href) return link.replaceWith(document.createTextNode(label));
  const anchor = document.createElement('a');
  anchor.setAttribute('href', href);
  anchor.textContent = label;
  link.replaceWith(anchor);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
