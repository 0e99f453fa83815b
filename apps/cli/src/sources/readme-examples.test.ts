import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { sourceTypes } from '@knowhow/sources';
import { loadSourcesConfig } from './sources-config.js';

const readme = new URL('../../../../README.md', import.meta.url);

/** The knowhow.yaml examples of the README's Sources section, as complete files. */
async function sourceExamples(): Promise<string[]> {
  const text = await readFile(readme, 'utf8');
  const section = text.slice(text.indexOf('\n## Sources'), text.indexOf('\n## Set up in Slack'));
  const blocks: string[] = [];
  let block: string[] = [];
  for (const line of [...section.split('\n'), '']) {
    if (line.startsWith('    ')) block.push(line.slice(4));
    else if (line.trim() === '' && block.length > 0) block.push('');
    else {
      if (block.length > 0) blocks.push(block.join('\n').trim());
      block = [];
    }
  }
  return blocks
    .filter((yaml) => /^(sources:|- name:)/.test(yaml))
    .map((yaml) =>
      yaml.startsWith('sources:')
        ? yaml
        : `sources:\n${yaml
            .split('\n')
            .map((line) => `  ${line}`)
            .join('\n')}`,
    );
}

describe("the README's knowhow.yaml examples", () => {
  it('are valid sources of a known type, once their variables are set', async () => {
    const examples = await sourceExamples();
    // The overview, then one per type.
    expect(examples.length).toBeGreaterThan(Object.keys(sourceTypes).length);
    const directory = await mkdtemp(join(tmpdir(), 'knowhow-readme-'));
    try {
      const types = new Set<string>();
      for (const yaml of examples) {
        await writeFile(join(directory, 'knowhow.yaml'), yaml);
        const variables = Object.fromEntries(
          [...yaml.matchAll(/\$\{(\w+)\}/g)].map(([, name]) => [name ?? '', 'example-value']),
        );
        const { sources } = loadSourcesConfig(undefined, directory, variables);
        expect(sources.map((source) => [source.name, source.problem])).toEqual(
          sources.map((source) => [source.name, undefined]),
        );
        for (const source of sources) {
          types.add(source.type);
          // The adapter accepts the settings too (it opens nothing until a pass lists).
          expect(() =>
            source.sourceType?.create(source.options, { name: source.name }),
          ).not.toThrow();
        }
      }
      // Every type knowhow.yaml accepts has its example.
      expect([...types].sort()).toEqual(Object.keys(sourceTypes).sort());
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
