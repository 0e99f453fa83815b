// C0 controls but tab and newline, DEL, and C1 controls: invisible in chat, and Postgres
// refuses NUL in text outright.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Text a person sent, without control characters: an odd byte in a question is the
 * asker's typo, never a reason to fail (or to report an outage).
 */
export function cleanText(text: string): string {
  return text.replace(controls, (character) => (character === '\r' ? '' : ' ')).trim();
}
