// Elements whose end tag is often left out (the parser closes them): counting them as nested
// would make a sloppy page of 600 unclosed <p> look 600 levels deep.
const optionalEndTags = new Set([
  'body',
  'caption',
  'colgroup',
  'dd',
  'dt',
  'head',
  'html',
  'li',
  'optgroup',
  'option',
  'p',
  'rb',
  'rp',
  'rt',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
]);
const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const tagPattern = /<!--[\s\S]*?-->|<(\/?)([a-z][\w:-]*)\b[^>]*?(\/?)>/gi;

/** How deep browsers nest elements; Chromium's parser makes deeper ones siblings. */
export const maxNestingDepth = 512;

/**
 * Drops the tags of elements nested deeper than `maxDepth`, keeping their text: the HTML
 * parser and the markdown converter recurse once per level, so 100,000 nested `<div>`s cost
 * minutes of CPU or overflow the stack. One linear pass; a page within the depth is returned
 * unchanged.
 */
export function limitNesting(html: string, maxDepth = maxNestingDepth): string {
  let depth = 0;
  let deepest = 0;
  const limited = html.replace(
    tagPattern,
    (tag: string, closing?: string, name?: string, selfClosing?: string) => {
      if (!name) return tag; // a comment
      const element = name.toLowerCase();
      if (voidElements.has(element) || optionalEndTags.has(element) || selfClosing) return tag;
      if (closing) {
        depth = Math.max(0, depth - 1);
        return depth >= maxDepth ? '' : tag;
      }
      depth += 1;
      deepest = Math.max(deepest, depth);
      return depth > maxDepth ? '' : tag;
    },
  );
  return deepest > maxDepth ? limited : html;
}
