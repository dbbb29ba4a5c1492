import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  decrypt,
  deriveKeys,
  encrypt,
  isEncrypted,
  newMasterKey,
  unwrapKey,
  wrapKey,
} from '../../src/crypto/cipher.js';
import { cleanContent, runFilterProcess, smudgeContent } from '../../src/crypto/filter.js';
import { encodeContent, encodePacket, FLUSH, FLUSH_PACKET, PacketReader } from '../../src/crypto/pkt-line.js';
import { whyStillEncrypted } from '../../src/crypto/still-encrypted.js';
import { DecryptError, FilterRefusal } from '../../src/errors.js';

const keys = deriveKeys(newMasterKey());
const text = Buffer.from('---\ntype: "gratitude"\n---\n\nthe way you hum when you cook 💛\n');

describe('journal cipher', () => {
  it('round-trips, and the same plaintext always gives the same bytes', () => {
    const once = encrypt(text, keys);
    expect(encrypt(text, keys)).toEqual(once);
    expect(decrypt(once, keys)).toEqual(text);
    expect(once.includes(Buffer.from('hum'))).toBe(false);
    expect(encrypt(Buffer.from('other'), keys)).not.toEqual(once);
  });

  it('leaves already encrypted input unchanged', () => {
    const once = encrypt(text, keys);
    expect(encrypt(once, keys)).toEqual(once);
    expect(isEncrypted(once)).toBe(true);
    expect(isEncrypted(text)).toBe(false);
  });

  it('refuses a flipped bit anywhere, and a wrong key, instead of returning garbage', () => {
    const sealed = encrypt(text, keys);
    for (const position of [sealed.length - 1, 40, 30]) {
      const tampered = Buffer.from(sealed);
      tampered[position] = tampered[position]! ^ 0x01;
      expect(() => decrypt(tampered, keys)).toThrow(DecryptError);
    }
    const other = deriveKeys(newMasterKey());
    expect(() => decrypt(sealed, other)).toThrow(/different key/);
  });

  it('wraps the key with a passphrase and refuses a wrong one', () => {
    const master = newMasterKey();
    const wrapped = wrapKey(master, 'correct horse battery');
    expect(wrapped).not.toContain(master.toString('base64'));
    expect(unwrapKey(wrapped, 'correct horse battery')).toEqual(master);
    expect(() => unwrapKey(wrapped, 'wrong horse battery')).toThrow(/wrong passphrase/);
    expect(() => unwrapKey('hello', 'x')).toThrow(/not an exported intimacy key/);
  });
});

describe('git filter', () => {
  it('never lets plain text through clean without a key, but passes ciphertext', () => {
    expect(() => cleanContent(text, undefined, 'entries/a.md')).toThrow(FilterRefusal);
    const sealed = encrypt(text, keys);
    expect(cleanContent(sealed, undefined, 'entries/a.md')).toEqual(sealed);
    const warned: string[] = [];
    const smudge = (content: Buffer, with_: typeof keys | undefined) =>
      smudgeContent(content, with_, 'entries/a.md', (line) => warned.push(line));
    expect(smudge(sealed, undefined)).toEqual(sealed);
    expect(smudge(sealed, keys)).toEqual(text);
    expect(smudge(text, keys)).toEqual(text);
    expect(warned).toEqual([]);
    // What this clone cannot decrypt is written out as it is, never refused, and said.
    const damaged = Buffer.from(sealed);
    damaged[damaged.length - 1] = damaged[damaged.length - 1]! ^ 0x01;
    expect(smudge(damaged, keys)).toEqual(damaged);
    expect(smudge(sealed, deriveKeys(newMasterKey()))).toEqual(sealed);
    expect(warned).toEqual([
      'intimacy: entries/a.md: the encrypted file was changed or damaged; left as it is, encrypted',
      'intimacy: entries/a.md: encrypted with a different key; left as it is, encrypted',
    ]);
  });

  it('stores ciphertext cut shorter than its header as it is, and says it was cut short', () => {
    const stub = encrypt(text, keys).subarray(0, 20);
    expect(cleanContent(stub, keys, 'entries/a.md')).toEqual(stub);
    expect(cleanContent(stub, undefined, 'entries/a.md')).toEqual(stub);
    expect(() => decrypt(stub, keys)).toThrow(/cut short/);
  });

  it("speaks git's long-running filter protocol", async () => {
    const toFilter = new PassThrough();
    const fromFilter = new PassThrough();
    const done = runFilterProcess(keys, toFilter, fromFilter, () => {});
    const reader = new PacketReader(fromFilter);
    toFilter.write(Buffer.concat([encodePacket('git-filter-client\n'), encodePacket('version=2\n'), FLUSH_PACKET]));
    expect(await reader.lines()).toEqual(['git-filter-server', 'version=2']);
    toFilter.write(
      Buffer.concat([
        encodePacket('capability=clean\n'),
        encodePacket('capability=smudge\n'),
        encodePacket('capability=delay\n'),
        FLUSH_PACKET,
      ]),
    );
    expect(await reader.lines()).toEqual(['capability=clean', 'capability=smudge']);
    const big = Buffer.alloc(200_000, 'x');
    toFilter.write(
      Buffer.concat([
        encodePacket('command=clean\n'),
        encodePacket('pathname=entries/a.md\n'),
        FLUSH_PACKET,
        ...encodeContent(big),
        FLUSH_PACKET,
      ]),
    );
    expect(await reader.lines()).toEqual(['status=success']);
    const cleaned = await reader.content();
    expect(await reader.next()).toBe(FLUSH);
    expect(decrypt(cleaned, keys)).toEqual(big);
    toFilter.end();
    await done;
  });
});

describe('why a file is still encrypted in a clone that has the key', () => {
  const file = 'entries/2026/11/x.md';
  const sealed = encrypt(text, keys);
  it('damaged (changed, or cut short inside the header or after it): the key is fine, and how to restore it', () => {
    const changed = Buffer.from(sealed);
    changed[changed.length - 1] = changed[changed.length - 1]! ^ 0x01;
    for (const damaged of [changed, sealed.subarray(0, 15), sealed.subarray(0, sealed.length - 3)]) {
      const why = whyStillEncrypted(damaged, keys, file);
      expect(why).toMatch(/^the encrypted file is damaged \(cut short or changed\).*this clone's key is fine/);
      expect(why).toContain(`git log -- ${file}`);
      expect(why).not.toMatch(/no key/);
    }
  });
  it('another key, a newer format, or one this key opens: each said as it is', () => {
    expect(whyStillEncrypted(encrypt(text, deriveKeys(newMasterKey())), keys, file)).toMatch(
      /^encrypted with a different key than this clone's/,
    );
    const newer = Buffer.from(sealed);
    newer[12] = 99;
    expect(whyStillEncrypted(newer, keys, file)).toMatch(/^encrypted with format version 99.*update intimacy/);
    expect(whyStillEncrypted(sealed, keys, file)).toBe(
      `still encrypted in the folder, though this clone's key opens it; git checkout -- ${file} writes it out decrypted`,
    );
  });
});
