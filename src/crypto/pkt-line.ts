/**
 * git's pkt-line framing, for the long-running filter protocol (gitprotocol-common):
 * four hex digits of length (including themselves), then the payload; "0000" is a flush.
 */
export const FLUSH = Symbol('flush');
export type Packet = Buffer | typeof FLUSH;
export const MAX_PAYLOAD = 65516;

export function encodePacket(payload: Buffer | string): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  if (data.length > MAX_PAYLOAD) throw new Error('pkt-line payload too long');
  return Buffer.concat([Buffer.from((data.length + 4).toString(16).padStart(4, '0')), data]);
}

export const FLUSH_PACKET = Buffer.from('0000');

/** Splits content into packets of the largest size git accepts. */
export function encodeContent(content: Buffer): Buffer[] {
  const packets: Buffer[] = [];
  for (let offset = 0; offset < content.length; offset += MAX_PAYLOAD)
    packets.push(encodePacket(content.subarray(offset, offset + MAX_PAYLOAD)));
  return packets;
}

/** Reads packets from a stream, one at a time, as they arrive. */
export class PacketReader {
  private buffer = Buffer.alloc(0);
  private ended = false;
  private waiting: (() => void) | undefined;

  constructor(stream: NodeJS.ReadableStream) {
    stream.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    stream.on('end', () => {
      this.ended = true;
      this.wake();
    });
  }

  private wake(): void {
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.();
  }

  /** The next packet, or undefined at the end of the stream. */
  async next(): Promise<Packet | undefined> {
    for (;;) {
      if (this.buffer.length >= 4) {
        const length = Number.parseInt(this.buffer.subarray(0, 4).toString('ascii'), 16);
        if (Number.isNaN(length) || (length > 0 && length < 4)) throw new Error('malformed pkt-line from git');
        if (length === 0) {
          this.buffer = this.buffer.subarray(4);
          return FLUSH;
        }
        if (this.buffer.length >= length) {
          const payload = this.buffer.subarray(4, length);
          this.buffer = this.buffer.subarray(length);
          return Buffer.from(payload);
        }
      }
      if (this.ended) return undefined;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  /** Text lines up to the next flush ("key=value" lists). */
  async lines(): Promise<string[] | undefined> {
    const lines: string[] = [];
    for (;;) {
      const packet = await this.next();
      if (packet === undefined) return lines.length ? lines : undefined;
      if (packet === FLUSH) return lines;
      lines.push(packet.toString('utf8').replace(/\n$/, ''));
    }
  }

  /** Binary content up to the next flush. */
  async content(): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (;;) {
      const packet = await this.next();
      if (packet === undefined || packet === FLUSH) return Buffer.concat(parts);
      parts.push(packet);
    }
  }
}
