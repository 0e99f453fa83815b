// Control characters (a newline or an escape sequence in a file name) would forge lines or
// terminal output; bidirectional overrides would reorder what is shown.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unprintable = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const named: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A name from the outside world (file name, title) as one safe line: `a\nb` → `a\\nb`. */
export function printable(text: string): string {
  return text.replace(
    unprintable,
    (character) =>
      named[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
