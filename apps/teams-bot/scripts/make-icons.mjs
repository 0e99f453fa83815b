// Draws the Teams app icons (run once; the PNGs are committed): a white light-bulb ring and
// dot, on Knowhow blue for the 192×192 colour icon, on transparency for the 32×32 outline.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (bytes) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const check = Buffer.alloc(4);
  check.writeUInt32BE(crc(body));
  return Buffer.concat([length, body, check]);
};

function png(size, pixel) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const rows = [];
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x += 1) row.set(pixel((x + 0.5) / size, (y + 0.5) / size), 1 + x * 4);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// The mark: a ring (the bulb) with a dot below it, in unit coordinates.
function mark(x, y) {
  const ring = Math.hypot(x - 0.5, y - 0.44);
  const dot = Math.hypot(x - 0.5, y - 0.8);
  return (ring > 0.17 && ring < 0.27) || dot < 0.07;
}

const white = [255, 255, 255, 255];
writeFileSync(
  new URL('../appPackage/color.png', import.meta.url),
  png(192, (x, y) => (mark(x, y) ? white : [35, 57, 93, 255])),
);
writeFileSync(
  new URL('../appPackage/outline.png', import.meta.url),
  png(32, (x, y) => (mark(x, y) ? white : [0, 0, 0, 0])),
);
