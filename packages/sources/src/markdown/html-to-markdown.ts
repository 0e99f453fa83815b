import { gfm } from '@joplin/turndown-plugin-gfm';
import TurndownService from 'turndown';

let service: TurndownService | undefined;

// Headings (atx) give passages their heading path; tables stay tables (GFM pipes); code keeps
// its fences and language.
function createService(): TurndownService {
  const created = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
  });
  created.use(gfm);
  // <svg> is not in the HTML element map turndown's types use.
  created.remove((node) => node.nodeName === 'svg' || node.nodeName === 'SVG');
  created.remove([
    'head',
    'script',
    'style',
    'noscript',
    'template',
    'iframe',
    'nav',
    'form',
    'button',
  ]);
  // One space after the marker (turndown pads to four), so passages read like written markdown.
  created.addRule('listItem', {
    filter: 'li',
    replacement(content, node) {
      const parent = node.parentElement;
      let prefix = '- ';
      if (parent?.nodeName === 'OL') {
        const start = Number(parent.getAttribute('start') ?? '1');
        prefix = `${start + Array.prototype.indexOf.call(parent.children, node)}. `;
      }
      const text = content
        .replace(/^\n+/, '')
        .replace(/\n+$/, '\n')
        .replace(/\n/gm, `\n${' '.repeat(prefix.length)}`);
      return `${prefix}${text}${node.nextSibling && !text.endsWith('\n') ? '\n' : ''}`;
    },
  });
  // Markdown escapes (`1\.`, `\_`) would end up in passages and the search index.
  created.escape = (text: string) => text;
  return created;
}

/** HTML (a page's main content, Confluence storage after its macros) to markdown. */
export function htmlToMarkdown(html: string): string {
  service ??= createService();
  return service
    .turndown(html)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
