import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chunkDocument, ingestFiles, loadDocument } from '@knowhow/rag-core';
import { type Backend, openBenchStore, serverVersion } from '../bench-store.js';
import { median, peakRssMegabytes, timed } from '../statistics.js';

export const contosoPdfs = [
  'Benefit_Options.pdf',
  'Northwind_Health_Plus_Benefits_Details.pdf',
  'Northwind_Standard_Benefits_Details.pdf',
  'PerksPlus.pdf',
  'employee_handbook.pdf',
  'role_library.pdf',
];

/** Parse + chunk alone, then parse + chunk + store (no embedding), `runs` times each. */
export async function ingestBenchmark(options: {
  backend: Backend;
  contoso: string;
  runs: number;
}) {
  const paths = contosoPdfs.map((name) => join(options.contoso, 'docs', name));
  const parse: number[] = [];
  let pages = 0;
  let chunks = 0;
  for (let run = 0; run < options.runs; run += 1) {
    const { seconds, result } = await timed(async () => {
      let counted = { pages: 0, chunks: 0 };
      for (const path of paths) {
        const loaded = await loadDocument('pdf', await readFile(path));
        const passages = await chunkDocument(loaded);
        counted = {
          pages:
            counted.pages + (loaded.content.kind === 'pages' ? loaded.content.pages.length : 0),
          chunks: counted.chunks + passages.length,
        };
      }
      return counted;
    });
    parse.push(seconds);
    ({ pages, chunks } = result);
  }
  const store: number[] = [];
  let version = '';
  for (let run = 0; run < options.runs; run += 1) {
    const opened = await openBenchStore(options.backend);
    version = await serverVersion(opened.store);
    const { seconds, result } = await timed(() => ingestFiles({ store: opened.store }, { paths }));
    if (result.failed.length > 0 || result.chunks !== chunks)
      throw new Error(`ingest wrote ${result.chunks} passages, expected ${chunks}`);
    store.push(seconds);
    await opened.close();
  }
  return {
    backend: options.backend,
    server: version,
    pages,
    chunks,
    parseSeconds: median(parse),
    ingestSeconds: median(store),
    runs: options.runs,
    peakRssMb: peakRssMegabytes(),
  };
}
