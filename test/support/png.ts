/** A small PNG reader for tests: checks the signature and every chunk's CRC, inflates the pixels. */
import { crc32, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colourType: number;
  /** Filtered scanlines, inflated: height × (1 + bytes per row). */
  readonly raw: Buffer;
}

/** Decodes `png` far enough to prove it is whole: throws on a bad signature, CRC or pixel data size. */
export function decodePng(png: Buffer): DecodedPng {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG signature');
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colourType: number } | null = null;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== png.readUInt32BE(offset + 8 + length))
      throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR')
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8] ?? 0, colourType: body[9] ?? 0 };
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  if (!header) throw new Error('no IHDR chunk');
  const raw = inflateSync(Buffer.concat(data));
  const rowBytes = Math.ceil((header.width * (CHANNELS[header.colourType] ?? 4) * header.bitDepth) / 8);
  if (raw.length !== header.height * (1 + rowBytes))
    throw new Error(`pixel data is ${raw.length} bytes, expected ${header.height * (1 + rowBytes)}`);
  return { ...header, raw };
}
