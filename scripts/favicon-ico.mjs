// Writes src/ui/static/favicon.ico (run from the repository root: node scripts/favicon-ico.mjs).
// 32×32 ICO (one 32-bit BMP image) drawing the same mark as favicon.svg: a blue square with three white bars.
import { writeFileSync } from 'node:fs';
const W = 32, H = 32;
const px = Buffer.alloc(W * H * 4);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
  const top = H - 1 - y; // BMP rows bottom-up
  const corner = (x < 2 || x > 29) && (top < 2 || top > 29);
  const bar = x >= 7 && x < 25 && ((top >= 7 && top < 10) || (top >= 14 && top < 17) || (top >= 22 && top < 25));
  const [r, g, b, a] = corner ? [0, 0, 0, 0] : bar ? [255, 255, 255, 255] : [0x0b, 0x4f, 0x9c, 255];
  const i = (y * W + x) * 4; px[i] = b; px[i + 1] = g; px[i + 2] = r; px[i + 3] = a;
}
const mask = Buffer.alloc((W / 8) * H); // AND mask (alpha channel is used)
const bih = Buffer.alloc(40);
bih.writeUInt32LE(40, 0); bih.writeInt32LE(W, 4); bih.writeInt32LE(H * 2, 8); bih.writeUInt16LE(1, 12); bih.writeUInt16LE(32, 14);
bih.writeUInt32LE(px.length + mask.length, 20);
const img = Buffer.concat([bih, px, mask]);
const hdr = Buffer.alloc(6); hdr.writeUInt16LE(0, 0); hdr.writeUInt16LE(1, 2); hdr.writeUInt16LE(1, 4);
const dir = Buffer.alloc(16); dir[0] = W; dir[1] = H; dir.writeUInt16LE(1, 4); dir.writeUInt16LE(32, 6); dir.writeUInt32LE(img.length, 8); dir.writeUInt32LE(22, 12);
writeFileSync('src/ui/static/favicon.ico', Buffer.concat([hdr, dir, img]));
