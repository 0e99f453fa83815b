/** A piece of Notion rich text, the fields read. */
export interface RichText {
  readonly type?: string;
  readonly plain_text?: string;
  readonly href?: string | null;
  readonly text?: { readonly content?: string; readonly link?: { readonly url?: string } | null };
  readonly equation?: { readonly expression?: string };
  readonly annotations?: {
    readonly bold?: boolean;
    readonly italic?: boolean;
    readonly strikethrough?: boolean;
    readonly code?: boolean;
  };
}

/** Rich text as inline markdown: emphasis, code, links and equations kept. */
export function richTextToMarkdown(parts: readonly RichText[] | undefined): string {
  return (parts ?? []).map(piece).join('');
}

/** Rich text as plain text, e.g. for titles. */
export function plainText(parts: readonly RichText[] | undefined): string {
  return (parts ?? []).map((part) => part.plain_text ?? part.text?.content ?? '').join('');
}

function piece(part: RichText): string {
  if (part.type === 'equation') return `$${part.equation?.expression ?? part.plain_text ?? ''}$`;
  const text = part.plain_text ?? part.text?.content ?? '';
  if (!text.trim()) return text;
  // Markers hug the text: `** bold **` is not bold in markdown.
  const [, before = '', core = '', after = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) ?? [];
  const notes = part.annotations ?? {};
  let out = notes.code ? `\`${core}\`` : core;
  if (notes.bold) out = `**${out}**`;
  if (notes.italic) out = `_${out}_`;
  if (notes.strikethrough) out = `~~${out}~~`;
  const link = part.href ?? part.text?.link?.url;
  // Links to other pages come as paths of notion.so.
  if (link) out = `[${out}](${link.startsWith('/') ? `https://www.notion.so${link}` : link})`;
  return `${before}${out}${after}`;
}
