import { isUtf8 } from 'node:buffer';

/*
 * git names paths in bytes, and a partner can commit a name that is not UTF-8. Read with
 * toString('utf8'), each such byte becomes U+FFFD: the name shown is not the one git has, and a
 * fix naming it (git rm -- …) removes nothing. So git's output that names paths is decoded as
 * Python's "surrogateescape" does: each byte that is not part of a valid UTF-8 sequence becomes
 * the lone surrogate U+DC80 + byte, which no valid UTF-8 decodes to. The name stays the one git
 * has, byte for byte: incoming-rules.ts refuses it, unsafe-chars.ts shows the byte escaped, and
 * shell-word.ts writes the very byte back into a fix.
 */

/** What a byte that is not UTF-8 becomes: U+DC80–U+DCFF. */
const ESCAPED_BYTE_BASE = 0xdc00;

/** git's output as text without losing a byte: exactly toString('utf8') whenever it is UTF-8. */
export function pathText(bytes: Buffer): string {
  // Nearly always UTF-8: one fast check, and the decoding of before.
  return isUtf8(bytes) ? bytes.toString('utf8') : surrogateEscaped(bytes);
}

/** Each run of valid UTF-8 decoded as it is, each byte outside one as U+DC80 + byte. */
export function surrogateEscaped(bytes: Buffer): string {
  let text = '';
  let runStart = 0;
  let at = 0;
  while (at < bytes.length) {
    const length = sequenceLength(bytes, at);
    if (length > 0) {
      at += length;
      continue;
    }
    text += bytes.toString('utf8', runStart, at) + String.fromCharCode(ESCAPED_BYTE_BASE + bytes[at]!);
    at += 1;
    runStart = at;
  }
  return text + bytes.toString('utf8', runStart);
}

/**
 * The length of the well-formed UTF-8 sequence starting at `at`, or 0 when there is none (a
 * stray continuation byte, a sequence cut short, an overlong form, an encoded surrogate, past
 * U+10FFFF): the well-formed byte sequences of the Unicode Standard's table 3-7.
 */
function sequenceLength(bytes: Buffer, at: number): number {
  const lead = bytes[at]!;
  if (lead < 0x80) return 1;
  const [length, low, high] = LEADS.get(lead) ?? [0, 0, 0];
  if (length === 0 || at + length > bytes.length) return 0;
  const second = bytes[at + 1]!;
  if (second < low || second > high) return 0;
  for (let i = 2; i < length; i++) if (!isContinuation(bytes[at + i]!)) return 0;
  return length;
}

const isContinuation = (byte: number) => byte >= 0x80 && byte <= 0xbf;

/** Each lead byte: the sequence's length and the range its second byte must fall in. */
const LEADS = new Map<number, [number, number, number]>();
for (let lead = 0xc2; lead <= 0xdf; lead++) LEADS.set(lead, [2, 0x80, 0xbf]);
for (let lead = 0xe0; lead <= 0xef; lead++) LEADS.set(lead, [3, 0x80, 0xbf]);
for (let lead = 0xf0; lead <= 0xf4; lead++) LEADS.set(lead, [4, 0x80, 0xbf]);
LEADS.set(0xe0, [3, 0xa0, 0xbf]); // no overlong three-byte forms
LEADS.set(0xed, [3, 0x80, 0x9f]); // no surrogates (U+D800–U+DFFF)
LEADS.set(0xf0, [4, 0x90, 0xbf]); // no overlong four-byte forms
LEADS.set(0xf4, [4, 0x80, 0x8f]); // nothing past U+10FFFF
