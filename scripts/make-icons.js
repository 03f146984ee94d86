#!/usr/bin/env node
/* Draws the add-in icons into assets/: a rounded Excel-green square with a white check mark
 * above three rising bars. Node built-ins only (zlib for the PNG encoding).
 *
 *   node scripts/make-icons.js        writes assets/icon-{16,32,64,80}.png
 *
 * Shapes are laid out on a 16-unit grid so that edges fall on pixel boundaries at every size
 * (16, 32, 64 and 80 are multiples of 16); each pixel is supersampled for anti-aliasing.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80];
const GREEN = [0x10, 0x7c, 0x41];
const WHITE = [0xff, 0xff, 0xff];
const SAMPLES = 8; // per axis: 64 samples per pixel

// ---- geometry, in 16-unit grid coordinates ------------------------------------------------

const RADIUS = 3;
const BARS = [
  { x0: 3, x1: 5, top: 10 },
  { x0: 7, x1: 9, top: 7 },
  { x0: 11, x1: 13, top: 4 },
];
const BASELINE = 13;
const CHECK = [
  [2.4, 5.4],
  [4.2, 7.2],
  [7.8, 3.6],
];
const CHECK_HALF_WIDTH = 0.8;

function insideRoundedSquare(x, y) {
  if (x < 0 || y < 0 || x > 16 || y > 16) return false;
  const cx = Math.min(Math.max(x, RADIUS), 16 - RADIUS);
  const cy = Math.min(Math.max(y, RADIUS), 16 - RADIUS);
  return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS * RADIUS;
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function insideGlyph(x, y) {
  for (const bar of BARS) {
    if (x >= bar.x0 && x <= bar.x1 && y >= bar.top && y <= BASELINE) return true;
  }
  for (let i = 0; i + 1 < CHECK.length; i++) {
    if (distanceToSegment(x, y, CHECK[i], CHECK[i + 1]) <= CHECK_HALF_WIDTH) return true;
  }
  return false;
}

/** RGBA pixels of the icon at `size` px. */
function render(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const scale = 16 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let square = 0;
      let glyph = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) * scale;
          const y = (py + (sy + 0.5) / SAMPLES) * scale;
          if (!insideRoundedSquare(x, y)) continue;
          square++;
          if (insideGlyph(x, y)) glyph++;
        }
      }
      const o = (py * size + px) * 4;
      if (square === 0) continue; // fully transparent
      const w = glyph / square;
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(GREEN[c] * (1 - w) + WHITE[c] * w);
      rgba[o + 3] = Math.round((255 * square) / (SAMPLES * SAMPLES));
    }
  }
  return rgba;
}

// ---- PNG encoding ---------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // compression, filter and interlace methods stay 0
  const rows = [];
  for (let y = 0; y < size; y++) {
    rows.push(Buffer.from([0]), rgba.subarray(y * size * 4, (y + 1) * size * 4)); // filter: none
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

if (require.main === module) {
  const dir = path.resolve(__dirname, "..", "assets");
  fs.mkdirSync(dir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(dir, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, render(size)));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

module.exports = { render, encodePng };
