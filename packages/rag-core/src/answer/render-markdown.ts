import { Lexer, type Token, type Tokens } from 'marked';

/**
 * How a chat platform with a markup of its own writes what Markdown means. `text` makes a
 * piece of prose or code inert there; markers wrap text already rendered.
 */
export interface Markup {
  readonly text: (text: string) => string;
  /** Bold (headings too), italics and strikethrough markers, e.g. `*`, `_`, `~`. */
  readonly bold: string;
  readonly italic: string;
  readonly strike: string;
  readonly bullet: string;
  /** A link from its rendered label (empty when it was the address itself) and address. */
  readonly link: (label: string, address: string) => string;
}

/**
 * Markdown (the model's, or a document's) in a chat platform's markup, read with marked's
 * lexer: emphasis, headings, lists, quotes and tables rendered, links by `markup.link`, code
 * kept as written. Every piece of text goes through `markup.text`, so none becomes markup.
 */
export function renderMarkdown(markdown: string, markup: Markup): string {
  return blocks(Lexer.lex(markdown), markup);
}

/** Block tokens, each followed by the line breaks that ended it in the source. */
function blocks(tokens: readonly Token[], markup: Markup): string {
  return tokens
    .map(
      (token) => block(token, markup) + (/\s*$/.exec(token.raw)?.[0] ?? '').replace(/[^\n]/g, ''),
    )
    .join('');
}

/** What a nested block shows, without its final line breaks. */
const inner = (tokens: readonly Token[], markup: Markup) =>
  blocks(tokens, markup).replace(/\n+$/, '');

/** Every line after the first indented by `indent`; blank lines stay blank. */
const hang = (text: string, indent: string) => text.replace(/\n(?=[^\n])/g, `\n${indent}`);

function block(token: Token, markup: Markup): string {
  switch (token.type) {
    case 'space':
      return '';
    case 'paragraph':
    case 'text':
      return token.tokens ? inline(token.tokens, markup) : markup.text((token as Tokens.Text).text);
    case 'heading': {
      // Chats have no headings: bold, with bold inside it plain.
      const text = inline(token.tokens ?? [], markup, true);
      return text && `${markup.bold}${text}${markup.bold}`;
    }
    case 'list': {
      const list = token as Tokens.List;
      return list.items
        .map((item, index) => {
          const marker = list.ordered ? `${Number(list.start || 1) + index}. ` : markup.bullet;
          const box = item.task ? (item.checked ? '☑ ' : '☐ ') : '';
          const body = inner(
            item.tokens.filter((child) => child.type !== 'checkbox'),
            markup,
          );
          return marker + box + hang(body, ' '.repeat(marker.length));
        })
        .join(list.loose ? '\n\n' : '\n');
    }
    case 'blockquote':
      return inner(token.tokens ?? [], markup)
        .split('\n')
        .map((line) => (line ? `> ${line}` : '>'))
        .join('\n');
    case 'table': {
      const table = token as Tokens.Table;
      return [table.header, ...table.rows]
        .map((row) => row.map((cell) => inline(cell.tokens, markup)).join(' | '))
        .join('\n');
    }
    case 'html':
      // A line starting with `<!here>` is an HTML block to Markdown; its words are still prose.
      return inline(Lexer.lexInline(token.raw.replace(/\s+$/, '')), markup);
    default:
      // Code (fenced or not, closed or not), rules and link definitions: as written, escaped.
      return markup.text(token.raw.replace(/\s+$/, ''));
  }
}

// Chats format whole words only: emphasis inside a word (`x*y*z`) is shown as written.
const wordEnd = /[\p{L}\p{N}_]$/u;
const wordStart = /^[\p{L}\p{N}_]/u;

function inline(tokens: readonly Token[], markup: Markup, bold = false): string {
  return tokens
    .map((token, index) => {
      const insideWord =
        wordEnd.test(tokens[index - 1]?.raw ?? '') || wordStart.test(tokens[index + 1]?.raw ?? '');
      switch (token.type) {
        case 'strong':
          if (insideWord) return markup.text(token.raw);
          return bold
            ? inline(token.tokens ?? [], markup, true)
            : `${markup.bold}${inline(token.tokens ?? [], markup, true)}${markup.bold}`;
        case 'em':
          return insideWord
            ? markup.text(token.raw)
            : `${markup.italic}${inline(token.tokens ?? [], markup, bold)}${markup.italic}`;
        case 'del':
          return insideWord
            ? markup.text(token.raw)
            : `${markup.strike}${inline(token.tokens ?? [], markup, bold)}${markup.strike}`;
        case 'link':
        case 'image': {
          const { text, href } = token as Tokens.Link;
          // An address written as one (`<https://…>`, a bare URL or e-mail address) stays text.
          if (token.type === 'link' && !token.raw.startsWith('[')) return markup.text(text);
          const label =
            token.type === 'image' ? markup.text(text) : inline(token.tokens ?? [], markup, bold);
          return markup.link(text === href ? '' : label, markup.text(href));
        }
        case 'br':
          return '\n';
        case 'text':
        case 'escape': {
          const { tokens: children, text } = token as Tokens.Text;
          return children ? inline(children, markup, bold) : markup.text(text);
        }
        default:
          // Code spans as written; inline HTML and anything else as its text.
          return markup.text(token.raw);
      }
    })
    .join('');
}
