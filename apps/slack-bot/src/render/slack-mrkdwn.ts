import { Lexer, type Token, type Tokens } from 'marked';

/**
 * Text from documents and from the model can never ping anyone or make a link: Slack's
 * control characters are escaped (so <!channel>, <!here>, <@U…>, <#C…> and <url|text> stay
 * text) and a word joiner breaks "@here"-style words (not e-mail addresses).
 */
export function escapeSlack(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/(^|[^\w.@-])@(channel|here|everyone)\b/gi, '$1@\u2060$2');
}

/**
 * The model's Markdown as Slack mrkdwn, read with marked's lexer: bold, italics, strikethrough,
 * headings, lists, quotes and tables converted; links shown as "text (address)" rather than
 * made clickable; code kept as written. Every piece of text is escaped, so nothing in it
 * becomes Slack syntax.
 */
export function toMrkdwn(markdown: string): string {
  return blocks(Lexer.lex(markdown));
}

/** Block tokens, each followed by the line breaks that ended it in the source. */
function blocks(tokens: readonly Token[]): string {
  return tokens
    .map((token) => block(token) + (/\s*$/.exec(token.raw)?.[0] ?? '').replace(/[^\n]/g, ''))
    .join('');
}

/** What a nested block shows, without its final line breaks. */
const inner = (tokens: readonly Token[]) => blocks(tokens).replace(/\n+$/, '');

/** Every line after the first indented by `indent`; blank lines stay blank. */
const hang = (text: string, indent: string) => text.replace(/\n(?=[^\n])/g, `\n${indent}`);

function block(token: Token): string {
  switch (token.type) {
    case 'space':
      return '';
    case 'paragraph':
    case 'text':
      return token.tokens ? inline(token.tokens) : escapeSlack((token as Tokens.Text).text);
    case 'heading': {
      // Slack has no headings: bold, with bold inside it plain.
      const text = inline(token.tokens ?? [], true);
      return text && `*${text}*`;
    }
    case 'list': {
      const list = token as Tokens.List;
      return list.items
        .map((item, index) => {
          const marker = list.ordered ? `${Number(list.start || 1) + index}. ` : '• ';
          const box = item.task ? (item.checked ? '☑ ' : '☐ ') : '';
          const body = inner(item.tokens.filter((child) => child.type !== 'checkbox'));
          return marker + box + hang(body, ' '.repeat(marker.length));
        })
        .join(list.loose ? '\n\n' : '\n');
    }
    case 'blockquote':
      return inner(token.tokens ?? [])
        .split('\n')
        .map((line) => (line ? `> ${line}` : '>'))
        .join('\n');
    case 'table': {
      const table = token as Tokens.Table;
      return [table.header, ...table.rows]
        .map((row) => row.map((cell) => inline(cell.tokens)).join(' | '))
        .join('\n');
    }
    case 'html':
      // A line starting with `<!here>` is an HTML block to Markdown; its words are still prose.
      return inline(Lexer.lexInline(token.raw.replace(/\s+$/, '')));
    default:
      // Code (fenced or not, closed or not), rules and link definitions: as written, escaped.
      return escapeSlack(token.raw.replace(/\s+$/, ''));
  }
}

// Slack formats whole words only: emphasis inside a word (`x*y*z`) is shown as written.
const wordEnd = /[\p{L}\p{N}_]$/u;
const wordStart = /^[\p{L}\p{N}_]/u;

function inline(tokens: readonly Token[], bold = false): string {
  return tokens
    .map((token, index) => {
      const insideWord =
        wordEnd.test(tokens[index - 1]?.raw ?? '') || wordStart.test(tokens[index + 1]?.raw ?? '');
      switch (token.type) {
        case 'strong':
          if (insideWord) return escapeSlack(token.raw);
          return bold ? inline(token.tokens ?? [], true) : `*${inline(token.tokens ?? [], true)}*`;
        case 'em':
          return insideWord ? escapeSlack(token.raw) : `_${inline(token.tokens ?? [], bold)}_`;
        case 'del':
          return insideWord ? escapeSlack(token.raw) : `~${inline(token.tokens ?? [], bold)}~`;
        case 'link':
        case 'image': {
          const { text, href } = token as Tokens.Link;
          // An address written as one (`<https://…>`, a bare URL or e-mail address) stays text.
          if (token.type === 'link' && !token.raw.startsWith('[')) return escapeSlack(text);
          const label =
            token.type === 'image' ? escapeSlack(text) : inline(token.tokens ?? [], bold);
          const address = escapeSlack(href);
          return label && text !== href ? `${label} (${address})` : address;
        }
        case 'br':
          return '\n';
        case 'text':
        case 'escape': {
          const { tokens: children, text } = token as Tokens.Text;
          return children ? inline(children, bold) : escapeSlack(text);
        }
        default:
          // Code spans as written; inline HTML and anything else as its text.
          return escapeSlack(token.raw);
      }
    })
    .join('');
}
