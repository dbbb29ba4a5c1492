import { DamagedPhoto, stripHeif } from './photo-heif.js';

export { DamagedPhoto };

/*
 * Taking what a photo says about where (and by what, and when) it was taken out of it before
 * it is kept in the journal, which the partner and the git host will hold forever. Pure:
 * bytes in, bytes out. Only the metadata containers go; the picture's own bytes are copied
 * as they are, so nothing is re-encoded and nothing is lost from the image.
 *   JPEG: every APPn segment but JFIF, the colour profile and Adobe's colour transform, every
 *         comment, and whatever follows the end of the image (phones append a second picture
 *         or a video there, with its own EXIF). A rotation the camera recorded is kept as a
 *         one-field EXIF, so the photo is not shown on its side.
 *   PNG:  every chunk that is not part of drawing the image (eXIf, tEXt, zTXt, iTXt, tIME…).
 *   WebP: the EXIF and XMP chunks, and the flags announcing them.
 *   HEIC/AVIF: see photo-heif.ts (the Exif and XMP items are blanked in place).
 * Other files are kept as they are.
 */

export type PhotoKind = 'jpeg' | 'png' | 'webp' | 'heif' | 'gif' | 'tiff';

export interface CleanedPhoto {
  kind?: PhotoKind;
  bytes: Buffer;
  /** what was taken out, in words ("EXIF", "XMP", "comments"…); empty when there was nothing */
  removed: string[];
  /** a photo kind whose metadata intimacy cannot take out (TIFF) */
  uncleaned?: boolean;
}

export function photoKindOf(bytes: Uint8Array): PhotoKind | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (b.length >= 12 && b.toString('latin1', 4, 8) === 'ftyp') return 'heif';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.toString('latin1', 0, 6))) return 'gif';
  if (b.length >= 4 && /^(II\*\0|MM\0\*)$/.test(b.toString('latin1', 0, 4))) return 'tiff';
  return undefined;
}

/** The photo without its metadata (see above); any other file unchanged. */
export function cleanPhoto(input: Uint8Array): CleanedPhoto {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const kind = photoKindOf(bytes);
  try {
    return cleanKind(kind, bytes);
  } catch (error) {
    // A length field pointing past the end reads out of bounds: the file is damaged.
    if (error instanceof RangeError) throw new DamagedPhoto(`the ${kind} file is cut short`);
    throw error;
  }
}

function cleanKind(kind: PhotoKind | undefined, bytes: Buffer): CleanedPhoto {
  switch (kind) {
    case 'jpeg':
      return { kind, ...stripJpeg(bytes) };
    case 'png':
      return { kind, ...stripPng(bytes) };
    case 'webp':
      return { kind, ...stripWebp(bytes) };
    case 'heif':
      return { kind, ...stripHeif(bytes) };
    case 'tiff':
      return { kind, bytes, removed: [], uncleaned: true };
    default:
      return { ...(kind ? { kind } : {}), bytes, removed: [] };
  }
}

// ---- JPEG ----

const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;
const SOS = 0xda;
const EOI = 0xd9;

/** Markers that stand alone, with no length after them. */
function standalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);
}

function what(marker: number, body: Buffer): string {
  if (marker === COM) return 'comments';
  if (marker === APP1 && body.toString('latin1', 0, 6) === 'Exif\0\0') return 'EXIF';
  if (marker === APP1 && body.toString('latin1', 0, 4) === 'http') return 'XMP';
  if (marker === 0xed) return 'IPTC';
  return `APP${marker - APP0} data`;
}

function keepJpegSegment(marker: number, body: Buffer): boolean {
  if (marker === APP0) return true; // JFIF / JFXX: the pixel density, a tiny thumbnail of the photo
  if (marker === APP2) return body.toString('latin1', 0, 12) === 'ICC_PROFILE\0'; // colours; not MPF
  if (marker === APP14) return body.toString('latin1', 0, 5) === 'Adobe'; // how the colours are coded
  if (marker === COM) return false;
  if (marker === APP1) return isOrientationOnly(body); // as written below: the rotation alone
  return !(marker >= APP0 && marker <= 0xef);
}

function stripJpeg(bytes: Buffer): { bytes: Buffer; removed: string[] } {
  const out: Buffer[] = [bytes.subarray(0, 2)];
  const removed = new Set<string>();
  let orientation: number | undefined;
  let pos = 2;
  for (;;) {
    if (pos >= bytes.length) throw new DamagedPhoto('the JPEG ends before its last marker');
    if (bytes[pos] !== 0xff) throw new DamagedPhoto(`the JPEG has no marker at byte ${pos}`);
    // Fill bytes (0xff repeated) may stand before a marker.
    let at = pos;
    while (bytes[at + 1] === 0xff) at++;
    const marker = bytes[at + 1];
    if (marker === undefined) throw new DamagedPhoto('the JPEG ends inside a marker');
    if (marker === EOI) {
      out.push(Buffer.from([0xff, EOI]));
      if (at + 2 < bytes.length) removed.add('data after the image');
      break;
    }
    if (standalone(marker)) {
      out.push(bytes.subarray(at, at + 2));
      pos = at + 2;
      continue;
    }
    if (at + 4 > bytes.length) throw new DamagedPhoto('the JPEG ends inside a segment');
    const length = bytes.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) throw new DamagedPhoto('a JPEG segment runs past the end of the file');
    const body = bytes.subarray(at + 4, end);
    if (keepJpegSegment(marker, body)) out.push(bytes.subarray(at, end));
    else {
      removed.add(what(marker, body));
      if (marker === APP1 && orientation === undefined) orientation = exifOrientation(body);
    }
    pos = end;
    if (marker === SOS) {
      // The picture itself follows: copied up to the next marker that is not part of it
      // (0xff00 is an escaped byte, 0xffd0–d7 restart markers; progressive JPEGs have more scans).
      let scan = pos;
      while (scan + 1 < bytes.length) {
        if (bytes[scan] === 0xff) {
          const next = bytes[scan + 1]!;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        scan++;
      }
      if (scan + 1 >= bytes.length) throw new DamagedPhoto('the JPEG ends inside the picture');
      out.push(bytes.subarray(pos, scan));
      pos = scan;
    }
  }
  if (removed.size === 0) return { bytes, removed: [] };
  if (orientation !== undefined && orientation !== 1) {
    // Right after SOI and JFIF: where readers look for EXIF.
    const afterJfif = out[1] && out[1][1] === APP0 ? 2 : 1;
    out.splice(afterJfif, 0, orientationSegment(orientation));
  }
  return { bytes: Buffer.concat(out), removed: [...removed] };
}

/** The Orientation field (0x0112) of an EXIF APP1 body, when it has one between 1 and 8. */
export function exifOrientation(body: Buffer): number | undefined {
  if (body.toString('latin1', 0, 6) !== 'Exif\0\0') return undefined;
  const tiff = body.subarray(6);
  if (tiff.length < 8) return undefined;
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return undefined;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** An EXIF body whose one field is the rotation (what orientationSegment writes). */
function isOrientationOnly(body: Buffer): boolean {
  return body.length === 32 && body.equals(orientationSegment(exifOrientation(body) ?? 1).subarray(4));
}

/** An EXIF segment holding the rotation and nothing else. */
function orientationSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM\0*', 0, 'latin1');
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one field
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // one value
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, APP1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

// ---- PNG ----

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The chunks that draw the image (colour, transparency, animation); everything else goes. */
const PNG_KEPT = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'cHRM',
  'gAMA',
  'iCCP',
  'sBIT',
  'sRGB',
  'cICP',
  'mDCV',
  'cLLI',
  'bKGD',
  'hIST',
  'pHYs',
  'sPLT',
  'acTL',
  'fcTL',
  'fdAT',
]);

function pngWhat(type: string): string {
  if (type === 'eXIf') return 'EXIF';
  if (type === 'iTXt' || type === 'tEXt' || type === 'zTXt') return 'text (XMP, comments)';
  if (type === 'tIME') return 'the time it was saved';
  return `${type} data`;
}

function stripPng(bytes: Buffer): { bytes: Buffer; removed: string[] } {
  const out: Buffer[] = [PNG_SIGNATURE];
  const removed = new Set<string>();
  let pos = 8;
  for (;;) {
    if (pos + 12 > bytes.length) throw new DamagedPhoto('the PNG ends before its IEND chunk');
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    const end = pos + 12 + length;
    if (end > bytes.length)
      throw new DamagedPhoto(`the PNG chunk ${JSON.stringify(type)} runs past the end of the file`);
    if (PNG_KEPT.has(type)) out.push(bytes.subarray(pos, end));
    else removed.add(pngWhat(type));
    pos = end;
    if (type === 'IEND') {
      if (pos < bytes.length) removed.add('data after the image');
      break;
    }
  }
  return removed.size === 0 ? { bytes, removed: [] } : { bytes: Buffer.concat(out), removed: [...removed] };
}

// ---- WebP ----

const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(bytes: Buffer): { bytes: Buffer; removed: string[] } {
  const size = bytes.readUInt32LE(4);
  const end = 8 + size;
  if (end > bytes.length || size < 4) throw new DamagedPhoto('the WebP file is shorter than its header says');
  const chunks: Buffer[] = [];
  const removed = new Set<string>();
  let pos = 12;
  while (pos + 8 <= end) {
    const type = bytes.toString('latin1', pos, pos + 4);
    const length = bytes.readUInt32LE(pos + 4);
    const next = pos + 8 + length + (length % 2);
    if (pos + 8 + length > end) throw new DamagedPhoto(`the WebP chunk ${JSON.stringify(type)} runs past the end`);
    if (type === 'EXIF' || type === 'XMP ') removed.add(type === 'EXIF' ? 'EXIF' : 'XMP');
    else {
      const chunk = Buffer.from(bytes.subarray(pos, Math.min(next, end)));
      if (type === 'VP8X' && chunk.length > 8) chunk[8] = chunk[8]! & ~(VP8X_EXIF | VP8X_XMP);
      chunks.push(chunk);
    }
    pos = next;
  }
  if (end < bytes.length) removed.add('data after the image');
  if (removed.size === 0) return { bytes, removed: [] };
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return { bytes: Buffer.concat([head, body]), removed: [...removed] };
}
