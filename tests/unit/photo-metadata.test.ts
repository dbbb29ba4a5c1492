import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanPhoto, DamagedPhoto, exifOrientation, photoKindOf } from '../../src/store/photo-metadata.js';

/*
 * Photos made by real tools (ImageMagick, cwebp, heif-enc), tagged by exiftool with a location
 * (EXIF GPS and XMP), a camera, a date, a city (IPTC) and a comment; see fixtures/photos/README.md.
 */

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'photos');
const photo = (name: string) => readFileSync(path.join(FIXTURES, name));

/** What exiftool wrote, in every spelling it could be found in the file. */
const TELLING = ['52.52', '52 31', 'Berlin', 'PhoneCo', 'Secret Phone', '2026:11:20', 'taken at home', 'TRAILING'];

function telling(bytes: Buffer): string[] {
  const text = bytes.toString('latin1');
  return TELLING.filter((word) => text.includes(word));
}

/** The JPEG's segments as marker numbers, and the picture's bytes (from the first scan to the end). */
function jpegPicture(bytes: Buffer): Buffer {
  const sos = bytes.indexOf(Buffer.from([0xff, 0xda]));
  const eoi = bytes.lastIndexOf(Buffer.from([0xff, 0xd9]));
  return bytes.subarray(sos, eoi + 2);
}

function pngChunks(bytes: Buffer): string[] {
  const types: string[] = [];
  for (let pos = 8; pos + 8 <= bytes.length; pos += 12 + bytes.readUInt32BE(pos))
    types.push(bytes.toString('latin1', pos + 4, pos + 8));
  return types;
}

describe('taking the location out of photos', () => {
  it('knows each kind by its first bytes, not its name', () => {
    expect(photoKindOf(photo('gps.jpg'))).toBe('jpeg');
    expect(photoKindOf(photo('gps.png'))).toBe('png');
    expect(photoKindOf(photo('gps.webp'))).toBe('webp');
    expect(photoKindOf(photo('gps.heic'))).toBe('heif');
    expect(photoKindOf(Buffer.from('just some notes\n'))).toBeUndefined();
  });

  it('every fixture does carry the location before cleaning (so the tests below can fail)', () => {
    for (const name of ['gps.jpg', 'gps-progressive.jpg', 'gps.png', 'gps.webp', 'gps.heic'])
      expect(telling(photo(name)), name).toEqual(expect.arrayContaining(['Berlin', 'PhoneCo']));
  });

  it('JPEG: EXIF, XMP, IPTC, comments and data after the image go; the picture is untouched and stays upright', () => {
    const original = photo('gps.jpg');
    const cleaned = cleanPhoto(original);
    expect(cleaned.kind).toBe('jpeg');
    expect(telling(cleaned.bytes)).toEqual([]);
    expect(cleaned.removed).toEqual(
      expect.arrayContaining(['EXIF', 'XMP', 'IPTC', 'comments', 'data after the image']),
    );
    expect(jpegPicture(cleaned.bytes).equals(jpegPicture(original))).toBe(true);
    // The camera said "rotate 90°": kept, alone, in a one-field EXIF.
    const app1 = cleaned.bytes.indexOf(Buffer.from('Exif\0\0', 'latin1'));
    expect(app1).toBeGreaterThan(0);
    const length = cleaned.bytes.readUInt16BE(app1 - 2);
    expect(exifOrientation(cleaned.bytes.subarray(app1, app1 - 2 + length))).toBe(6);
    expect(length).toBeLessThan(40);
    // Cleaning again finds nothing more.
    expect(cleanPhoto(cleaned.bytes).removed).toEqual([]);
  });

  it('JPEG: a progressive photo (several scans) keeps every scan', () => {
    const original = photo('gps-progressive.jpg');
    const cleaned = cleanPhoto(original);
    expect(telling(cleaned.bytes)).toEqual([]);
    expect(jpegPicture(cleaned.bytes).equals(jpegPicture(original))).toBe(true);
    expect(cleaned.bytes.subarray(-2).equals(Buffer.from([0xff, 0xd9]))).toBe(true);
  });

  it('PNG: eXIf and text chunks go, every chunk that draws the image stays', () => {
    const original = photo('gps.png');
    const cleaned = cleanPhoto(original);
    expect(telling(cleaned.bytes)).toEqual([]);
    expect(pngChunks(original)).toEqual(expect.arrayContaining(['eXIf', 'iTXt']));
    expect(pngChunks(cleaned.bytes).filter((t) => t !== 'IDAT')).toEqual(
      pngChunks(original).filter((t) => ['IHDR', 'PLTE', 'tRNS', 'gAMA', 'cHRM', 'bKGD', 'pHYs', 'IEND'].includes(t)),
    );
    expect(cleaned.removed).toEqual(expect.arrayContaining(['EXIF']));
  });

  it('WebP: the EXIF and XMP chunks and their flags go; the sizes add up', () => {
    const cleaned = cleanPhoto(photo('gps.webp'));
    expect(telling(cleaned.bytes)).toEqual([]);
    expect(cleaned.removed).toEqual(expect.arrayContaining(['EXIF', 'XMP']));
    expect(cleaned.bytes.readUInt32LE(4)).toBe(cleaned.bytes.length - 8);
    const vp8x = cleaned.bytes.indexOf(Buffer.from('VP8X', 'latin1'));
    if (vp8x > 0) expect(cleaned.bytes[vp8x + 8]! & 0x0c).toBe(0);
  });

  it('HEIC: the Exif and XMP items are blanked where they stand; the file keeps its size and its picture', () => {
    const original = photo('gps.heic');
    const cleaned = cleanPhoto(original);
    expect(telling(cleaned.bytes)).toEqual([]);
    expect(cleaned.removed).toEqual(expect.arrayContaining(['EXIF', 'XMP']));
    expect(cleaned.bytes.length).toBe(original.length);
    // Only blanked bytes differ: every offset, and the picture, stay where they were.
    const changed = [...cleaned.bytes.keys()].filter((i) => cleaned.bytes[i] !== original[i]);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((i) => cleaned.bytes[i] === 0)).toBe(true);
  });

  it('a photo with nothing to take out, and any other file, are kept byte for byte', () => {
    for (const name of ['base.jpg', 'base.png', 'base.webp']) {
      const original = photo(name);
      const cleaned = cleanPhoto(original);
      expect(cleaned.removed, name).toEqual([]);
      expect(cleaned.bytes.equals(original), name).toBe(true);
    }
    const text = Buffer.from('a poem, not a photo\n');
    expect(cleanPhoto(text)).toEqual({ bytes: text, removed: [] });
  });

  it('a photo cut short is refused as damaged rather than kept with its location', () => {
    for (const name of ['gps.jpg', 'gps.png', 'gps.webp']) {
      const cut = photo(name).subarray(0, 200);
      expect(() => cleanPhoto(cut), name).toThrow(DamagedPhoto);
    }
  });
});
