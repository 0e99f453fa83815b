import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlToMarkdown } from '../markdown/html-to-markdown.js';

export interface ReadPage {
  readonly title: string;
  /** The page's main content (no navigation, header, footer). */
  readonly markdown: string;
  /** `<link rel=canonical>`, absolute. */
  readonly canonical: string | undefined;
  /** Every `<a href>`, absolute. */
  readonly links: string[];
  readonly noindex: boolean;
  readonly nofollow: boolean;
  readonly author: string | undefined;
}

// Boilerplate around the main content, removed when Readability finds no article.
const boilerplate =
  'nav, header, footer, aside, script, style, noscript, form, [role=navigation], [role=banner], [role=contentinfo]';

/** An HTML page as what the index needs: its main content as markdown, its links, its canonical URL. */
export function readPage(html: string, url: string): ReadPage {
  const { document } = parseHTML(html);
  const absolute = (href: string | null) => {
    if (!href) return undefined;
    try {
      return new URL(href, url).href;
    } catch {
      return undefined;
    }
  };
  const links: string[] = [];
  for (const anchor of document.querySelectorAll('a[href]')) {
    const href = absolute(anchor.getAttribute('href'));
    if (href) {
      anchor.setAttribute('href', href);
      links.push(href);
    }
  }
  const robots = (
    document.querySelector('meta[name="robots" i]')?.getAttribute('content') ?? ''
  ).toLowerCase();
  const canonical = absolute(
    document.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? null,
  );
  const author =
    document.querySelector('meta[name="author" i]')?.getAttribute('content')?.trim() || undefined;
  const pageTitle = document.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim();
  // Readability changes the document it reads: keep a copy for the fallback.
  const fallback = parseHTML(html).document;
  const article = new Readability(document, { charThreshold: 200 }).parse();
  let markdown: string;
  if (article?.content && (article.textContent ?? '').trim().length > 0) {
    markdown = htmlToMarkdown(article.content);
  } else {
    for (const element of fallback.querySelectorAll(boilerplate)) element.remove();
    const main = fallback.querySelector('main, [role=main], article') ?? fallback.body;
    markdown = htmlToMarkdown(main?.innerHTML ?? '');
  }
  const title =
    pageTitle || article?.title?.trim() || document.querySelector('h1')?.textContent?.trim() || url;
  return {
    title,
    markdown,
    canonical,
    links,
    noindex: /\bnoindex\b|\bnone\b/.test(robots),
    nofollow: /\bnofollow\b|\bnone\b/.test(robots),
    author: author ?? (article?.byline?.trim() || undefined),
  };
}
