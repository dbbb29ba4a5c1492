/*
 * HEIC / HEIF / AVIF (ISO base media files): the Exif and XMP are "items" of the file's `meta`
 * box, their bytes placed anywhere in the file by the `iloc` box. Removing them would mean
 * rewriting every offset, so their bytes are blanked (set to zero) where they stand instead:
 * the picture and every offset stay exactly as they were, and what a reader finds in the Exif
 * item is no longer a location, a camera or a date. Pure.
 */

class Box {
  constructor(
    readonly type: string,
    /** where its content starts (after the header) and ends, in the file */
    readonly start: number,
    readonly end: number,
  ) {}
}

/** Thrown when a file says it is a photo of a kind but its structure does not hold together. */
export class DamagedPhoto extends Error {}

function boxes(bytes: Buffer, from: number, to: number): Box[] {
  const found: Box[] = [];
  let pos = from;
  while (pos + 8 <= to) {
    let size = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    let header = 8;
    if (size === 1) {
      if (pos + 16 > to) throw new DamagedPhoto('a box header runs past the end');
      size = Number(bytes.readBigUInt64BE(pos + 8));
      header = 16;
    } else if (size === 0) size = to - pos;
    if (size < header || pos + size > to) throw new DamagedPhoto(`the ${JSON.stringify(type)} box runs past its end`);
    found.push(new Box(type, pos + header, pos + size));
    pos += size;
  }
  return found;
}

/** Reads unsigned numbers of 0, 4 or 8 bytes (and 2) big-endian, keeping to `end`. */
class Reader {
  constructor(
    private readonly bytes: Buffer,
    public pos: number,
    private readonly end: number,
  ) {}
  uint(size: number): number {
    if (this.pos + size > this.end) throw new DamagedPhoto('a box is shorter than its fields');
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + this.bytes[this.pos + i]!;
    this.pos += size;
    return value;
  }
  text(): string {
    const zero = this.bytes.indexOf(0, this.pos);
    const stop = zero < 0 || zero >= this.end ? this.end : zero;
    const value = this.bytes.toString('latin1', this.pos, stop);
    this.pos = Math.min(stop + 1, this.end);
    return value;
  }
}

/** The items that are metadata: Exif, and XMP (a `mime` item of type application/rdf+xml). */
function metadataItems(bytes: Buffer, iinf: Box): Map<number, string> {
  const items = new Map<number, string>();
  const version = bytes[iinf.start]!;
  const after = iinf.start + 4 + (version === 0 ? 2 : 4);
  for (const infe of boxes(bytes, after, iinf.end)) {
    if (infe.type !== 'infe') continue;
    const r = new Reader(bytes, infe.start, infe.end);
    const infeVersion = r.uint(1);
    r.uint(3);
    if (infeVersion < 2) continue;
    const id = r.uint(infeVersion === 2 ? 2 : 4);
    r.uint(2); // protection index
    const type = bytes.toString('latin1', r.pos, r.pos + 4);
    r.uint(4);
    r.text(); // name
    if (type === 'Exif') items.set(id, 'EXIF');
    else if (type === 'mime' && /rdf\+xml|xmp/i.test(r.text())) items.set(id, 'XMP');
  }
  return items;
}

interface Extent {
  id: number;
  method: number;
  offset: number;
  length: number;
}

function locations(bytes: Buffer, iloc: Box): Extent[] {
  const r = new Reader(bytes, iloc.start, iloc.end);
  const version = r.uint(1);
  r.uint(3);
  const sizes = r.uint(1);
  const offsetSize = sizes >> 4;
  const lengthSize = sizes & 15;
  const more = r.uint(1);
  const baseSize = more >> 4;
  const indexSize = version === 1 || version === 2 ? more & 15 : 0;
  const count = r.uint(version < 2 ? 2 : 4);
  const extents: Extent[] = [];
  for (let i = 0; i < count; i++) {
    const id = r.uint(version < 2 ? 2 : 4);
    const method = version === 1 || version === 2 ? r.uint(2) & 15 : 0;
    r.uint(2); // data reference
    const base = r.uint(baseSize);
    const extentCount = r.uint(2);
    for (let e = 0; e < extentCount; e++) {
      r.uint(indexSize);
      const offset = r.uint(offsetSize);
      const length = r.uint(lengthSize);
      extents.push({ id, method, offset: base + offset, length });
    }
  }
  return extents;
}

export function stripHeif(input: Buffer): { bytes: Buffer; removed: string[] } {
  try {
    const top = boxes(input, 0, input.length);
    const meta = top.find((b) => b.type === 'meta');
    if (!meta) return { bytes: input, removed: [] };
    const inner = boxes(input, meta.start + 4, meta.end);
    const iinf = inner.find((b) => b.type === 'iinf');
    const iloc = inner.find((b) => b.type === 'iloc');
    const idat = inner.find((b) => b.type === 'idat');
    if (!iinf || !iloc) return { bytes: input, removed: [] };
    const items = metadataItems(input, iinf);
    if (items.size === 0) return { bytes: input, removed: [] };
    const bytes = Buffer.from(input);
    const removed = new Set<string>();
    for (const extent of locations(input, iloc)) {
      const kind = items.get(extent.id);
      if (!kind) continue;
      // Placed in the file (0) or in the meta box's own data (1); an item built from other
      // items (2) holds no bytes of its own.
      const origin = extent.method === 0 ? 0 : extent.method === 1 && idat ? idat.start : undefined;
      if (origin === undefined) continue;
      const start = origin + extent.offset;
      const limit = extent.method === 1 && idat ? idat.end : bytes.length;
      const end = extent.length === 0 ? limit : start + extent.length;
      if (start > limit || end > limit) throw new DamagedPhoto(`the ${kind} item lies outside the file`);
      bytes.fill(0, start, end);
      removed.add(kind);
    }
    return { bytes, removed: [...removed] };
  } catch (error) {
    if (error instanceof RangeError) throw new DamagedPhoto('a box is shorter than its fields');
    throw error;
  }
}
