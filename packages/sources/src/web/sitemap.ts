import { DOMParser } from 'linkedom';

/** The page and nested sitemap URLs of a sitemap (`<urlset>` or `<sitemapindex>`). */
export function readSitemap(xml: string): { pages: string[]; sitemaps: string[] } {
  // linkedom types its XML documents loosely; these are the members read.
  const document = new DOMParser().parseFromString(xml, 'text/xml') as unknown as {
    getElementsByTagName(name: string): Iterable<Element>;
  };
  const locations = (parent: string): string[] =>
    [...document.getElementsByTagName(parent)]
      .map((element) => element.getElementsByTagName('loc')[0]?.textContent?.trim() ?? '')
      .filter(Boolean);
  return { pages: locations('url'), sitemaps: locations('sitemap') };
}
