import { plainText, type RichText, richTextToMarkdown } from './rich-text.js';

/** A block as the API sends it, with its children attached once they are read. */
export interface NotionBlock {
  readonly id: string;
  readonly type: string;
  readonly has_children?: boolean;
  readonly children?: readonly NotionBlock[];
  readonly [type: string]: unknown;
}

interface BlockData {
  rich_text?: RichText[];
  checked?: boolean;
  language?: string;
  caption?: RichText[];
  icon?: { emoji?: string } | null;
  title?: string;
  url?: string;
  expression?: string;
  cells?: RichText[][];
  has_column_header?: boolean;
  page_id?: string;
  database_id?: string;
  external?: { url?: string };
  name?: string;
}

/** Where child pages, databases and page links point: their web link. */
export type PageLinks = (id: string) => string;

/**
 * Blocks as markdown: headings one level below the page title, lists and to-dos nested by
 * indentation, toggles as list items with their content, callouts and quotes as block quotes,
 * code fenced with its language, tables as GFM pipe tables, child pages and databases as links.
 */
export function blocksToMarkdown(blocks: readonly NotionBlock[], links: PageLinks): string {
  return render(blocks, links)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function render(blocks: readonly NotionBlock[], links: PageLinks): string[] {
  const lines: string[] = [];
  let number = 0;
  let previous: string | undefined;
  for (const block of blocks) {
    number = block.type === 'numbered_list_item' ? number + 1 : 0;
    const out = renderBlock(block, links, number);
    if (out === undefined) continue;
    // List items of one list stay together; anything else is its own paragraph.
    if (previous !== undefined && !(isListItem(previous) && isListItem(block.type))) lines.push('');
    lines.push(...out);
    previous = block.type;
  }
  return lines;
}

function isListItem(type: string): boolean {
  return ['bulleted_list_item', 'numbered_list_item', 'to_do', 'toggle'].includes(type);
}

function renderBlock(block: NotionBlock, links: PageLinks, number: number): string[] | undefined {
  const data = (block[block.type] ?? {}) as BlockData;
  const text = richTextToMarkdown(data.rich_text);
  const children = block.children ?? [];
  const nested = () => render(children, links);
  switch (block.type) {
    case 'paragraph':
      return [text, ...(children.length > 0 ? ['', ...nested()] : [])];
    case 'heading_1':
    case 'heading_2':
    case 'heading_3': {
      const level = Number(block.type.slice(-1)) + 1;
      return [`${'#'.repeat(level)} ${text}`, ...(children.length > 0 ? ['', ...nested()] : [])];
    }
    case 'bulleted_list_item':
      return listItem('- ', text, nested());
    case 'numbered_list_item':
      return listItem(`${number}. `, text, nested());
    case 'to_do':
      return listItem(`- [${data.checked ? 'x' : ' '}] `, text, nested());
    case 'toggle':
      return listItem('- ', text, nested());
    case 'quote':
      return quoted([text, ...(children.length > 0 ? ['', ...nested()] : [])]);
    case 'callout': {
      const icon = data.icon?.emoji ? `${data.icon.emoji} ` : '';
      return quoted([`${icon}${text}`, ...(children.length > 0 ? ['', ...nested()] : [])]);
    }
    case 'code': {
      const code = plainText(data.rich_text);
      const fence = code.includes('```') ? '~~~~' : '```';
      const language = data.language && data.language !== 'plain text' ? data.language : '';
      return [`${fence}${language.replace(/\s+/g, '-')}`, ...code.split('\n'), fence];
    }
    case 'equation':
      return ['$$', data.expression ?? '', '$$'];
    case 'divider':
      return ['---'];
    case 'table':
      return table(children);
    case 'child_page':
      return [`[${data.title || 'Untitled'}](${links(block.id)})`];
    case 'child_database':
      return [`[${data.title || 'Untitled database'}](${links(block.id)})`];
    case 'link_to_page': {
      const target = data.page_id ?? data.database_id;
      return target ? [`[${target}](${links(target)})`] : undefined;
    }
    case 'bookmark':
    case 'embed':
    case 'link_preview': {
      if (!data.url) return undefined;
      const caption = plainText(data.caption);
      return [`[${caption || data.url}](${data.url})`];
    }
    case 'image':
    case 'file':
    case 'pdf':
    case 'video':
    case 'audio': {
      // Uploaded files' links expire within the hour: only external links are kept.
      const caption = plainText(data.caption) || data.name || '';
      const url = data.external?.url;
      if (url) return [`[${caption || url}](${url})`];
      return caption ? [caption] : undefined;
    }
    case 'column_list':
    case 'column':
    case 'synced_block':
    case 'template':
      return children.length > 0 ? nested() : undefined;
    default:
      // table_of_contents, breadcrumb, unsupported: nothing to read.
      return undefined;
  }
}

function listItem(marker: string, text: string, nested: string[]): string[] {
  const indent = ' '.repeat(marker.length);
  return [`${marker}${text}`, ...nested.map((line) => (line ? `${indent}${line}` : line))];
}

function quoted(lines: string[]): string[] {
  return lines.map((line) => (line ? `> ${line}` : '>'));
}

function table(rows: readonly NotionBlock[]): string[] {
  const cells = rows
    .filter((row) => row.type === 'table_row')
    .map((row) =>
      ((row.table_row as BlockData | undefined)?.cells ?? []).map((cell) =>
        richTextToMarkdown(cell).replace(/\|/g, '\\|').replace(/\n/g, ' '),
      ),
    );
  const [header, ...body] = cells;
  if (!header) return [];
  const line = (row: string[]) =>
    `| ${header.map((_cell, index) => row[index] ?? '').join(' | ')} |`;
  return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...body.map(line)];
}
