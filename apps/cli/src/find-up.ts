import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The nearest `name` (file or folder) in `from` or a folder above it, as git finds `.git`:
 * the knowledge base (`.knowhow`), and its project's settings. Undefined when there is none
 * up to the file system's root.
 */
export function findUp(name: string, from: string): string | undefined {
  for (let directory = resolve(from); ; directory = dirname(directory)) {
    const candidate = join(directory, name);
    if (existsSync(candidate)) return candidate;
    if (dirname(directory) === directory) return undefined;
  }
}
