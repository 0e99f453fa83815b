import { constants, crc32, deflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { makeDocx } from './make-docx.js';

/**
 * A real Word document whose `word/document.xml` inflates to `inflatedBytes` of paragraphs
 * while the file stays small (about 1 KB per MB): the decompression bomb of a hostile upload.
 * `lie` declares a tiny size in the zip headers, as a bomb crafted against size checks would.
 * Built from repeated deflate blocks, so even a 1.5 GB bomb takes a second and little memory.
 */
export async function makeDocxBomb(
  inflatedBytes: number,
  options: { lie?: boolean } = {},
): Promise<Uint8Array> {
  const parts = unzipSync(await makeDocx([{ heading: 'Bomb', level: 1, paragraphs: ['x'] }]));
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
  );
  const tail = Buffer.from('</w:body></w:document>');
  const paragraph = '<w:p><w:r><w:t>all work and no play makes a dull document</w:t></w:r></w:p>';
  const block = Buffer.from(paragraph.repeat(Math.ceil((1024 * 1024) / paragraph.length)));
  const repeats = Math.max(
    1,
    Math.floor((inflatedBytes - head.length - tail.length) / block.length),
  );
  // Each full flush ends a byte-aligned block with no references before it: blocks repeat.
  const flush = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const compressedBlock = deflateRawSync(block, flush);
  const chunks = [deflateRawSync(head, flush)];
  let crc = crc32(head);
  for (let index = 0; index < repeats; index += 1) {
    chunks.push(compressedBlock);
    crc = crc32(block, crc);
  }
  chunks.push(deflateRawSync(tail));
  crc = crc32(tail, crc);
  const size = head.length + repeats * block.length + tail.length;
  const entries = Object.entries(parts).map(([name, data]) =>
    name === 'word/document.xml'
      ? { name, method: 8, crc, size: options.lie ? 4096 : size, data: Buffer.concat(chunks) }
      : { name, method: 0, crc: crc32(data), size: data.length, data: Buffer.from(data) },
  );
  return writeZip(entries);
}

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly data: Buffer;
}

// The plain zip container (no zip64: sizes above 4 GB are not needed here).
function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(Math.min(entry.size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(Math.min(entry.size, 0xffffffff), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
