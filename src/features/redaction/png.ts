// A PNG of a page image (the redaction view shows pages as pictures): 8-bit RGB or gray, no ancillary chunks.
import { crc32, deflateSync } from 'node:zlib';
import type { Raster } from './raster.ts';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

export function encodePng(r: Raster): Buffer {
  const row = r.width * r.channels;
  const raw = Buffer.allocUnsafe((row + 1) * r.height);
  for (let y = 0; y < r.height; y++) {
    raw[y * (row + 1)] = 0;
    r.data.copy(raw, y * (row + 1) + 1, y * row, y * row + row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(r.width, 0);
  ihdr.writeUInt32BE(r.height, 4);
  ihdr[8] = 8;
  ihdr[9] = r.channels === 3 ? 2 : 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
