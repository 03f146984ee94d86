/** A minimal PNG reader for tests: signature, IHDR, and 8-bit non-interlaced pixels. */
import { inflateSync } from "zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

export function isPng(data: Buffer): boolean {
  return data.length > 33 && data.subarray(0, 8).equals(SIGNATURE) && data.toString("ascii", 12, 16) === "IHDR";
}

export function readPngInfo(data: Buffer): PngInfo {
  if (!isPng(data)) throw new Error("not a PNG file");
  return {
    width: data.readUInt32BE(16),
    height: data.readUInt32BE(20),
    bitDepth: data[24],
    colorType: data[25],
    interlace: data[28],
  };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decoded samples (8-bit greyscale/RGB(A), not interlaced, no palette), one row after another. */
export function readPngPixels(data: Buffer): { info: PngInfo; channels: number; pixels: Buffer } {
  const info = readPngInfo(data);
  const channels = CHANNELS[info.colorType];
  if (info.bitDepth !== 8 || channels === undefined || info.interlace !== 0) {
    throw new Error(`unsupported PNG format: depth ${info.bitDepth}, colour type ${info.colorType}, interlace ${info.interlace}`);
  }
  const idat: Buffer[] = [];
  for (let offset = 8; offset < data.length; ) {
    const length = data.readUInt32BE(offset);
    const type = data.toString("ascii", offset + 4, offset + 8);
    if (type === "IDAT") idat.push(data.subarray(offset + 8, offset + 8 + length));
    if (type === "IEND") break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = info.width * channels;
  const pixels = Buffer.alloc(stride * info.height);
  for (let y = 0; y < info.height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (predictor === undefined) throw new Error(`bad PNG filter ${filter} on row ${y}`);
      pixels[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  return { info, channels, pixels };
}

/** Number of distinct pixel values (colour and alpha together). */
export function distinctColours(data: Buffer): number {
  const { channels, pixels } = readPngPixels(data);
  const seen = new Set<string>();
  for (let i = 0; i < pixels.length; i += channels) seen.add(pixels.subarray(i, i + channels).toString("hex"));
  return seen.size;
}
