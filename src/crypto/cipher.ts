import { DecryptError, UnwrapError } from '../errors.js';
import { nodeCrypto } from '../store/node-crypto.js';

/*
 * Deterministic authenticated encryption for journal files (a synthetic-IV construction):
 *   encKey, macKey = HKDF-SHA256(master key)
 *   iv  = HMAC-SHA256(macKey, plaintext)[0..16]
 *   out = MAGIC ‖ version ‖ keyId ‖ iv ‖ AES-256-CTR(encKey, iv, plaintext)
 * The same plaintext always gives the same bytes, so git sees unchanged files as unchanged.
 * Decrypting recomputes the HMAC of the result and compares it with the IV: a flipped bit
 * or a wrong key is refused, never written out as garbage.
 */

export const MAGIC = Buffer.from('INTIMACY-ENC');
export const VERSION = 1;
const KEY_ID_LENGTH = 8;
const IV_LENGTH = 16;
export const HEADER_LENGTH = MAGIC.length + 1 + KEY_ID_LENGTH + IV_LENGTH;

export interface DerivedKeys {
  encKey: Buffer;
  macKey: Buffer;
  keyId: Buffer;
}

export function newMasterKey(): Buffer {
  return nodeCrypto().randomBytes(32);
}

export function deriveKeys(master: Buffer): DerivedKeys {
  if (master.length !== 32) throw new Error('the master key must be 32 bytes');
  const { hkdfSync } = nodeCrypto();
  const derive = (info: string, length: number) =>
    Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, length));
  return {
    encKey: derive('intimacy enc v1', 32),
    macKey: derive('intimacy mac v1', 32),
    keyId: derive('intimacy key-id v1', KEY_ID_LENGTH),
  };
}

export function startsWithMagic(data: Uint8Array): boolean {
  return data.length >= MAGIC.length && Buffer.from(data.subarray(0, MAGIC.length)).equals(MAGIC);
}

/** The key id in an encrypted file's header. */
export function keyIdOf(header: Uint8Array): Buffer {
  return Buffer.from(header.subarray(MAGIC.length + 1, MAGIC.length + 1 + KEY_ID_LENGTH));
}

export function isEncrypted(data: Uint8Array): boolean {
  return data.length >= HEADER_LENGTH && Buffer.from(data.subarray(0, MAGIC.length)).equals(MAGIC);
}

export function encrypt(plaintext: Uint8Array, keys: DerivedKeys): Buffer {
  // Already encrypted: leave it as it is, so a second pass through the filter changes nothing.
  // Ciphertext cut shorter than its header too: encrypted again as text, it would pass every
  // check of a damaged file and reach the partner as a readable entry of garbage.
  if (startsWithMagic(plaintext)) return Buffer.from(plaintext);
  const { createCipheriv, createHmac } = nodeCrypto();
  const iv = createHmac('sha256', keys.macKey).update(plaintext).digest().subarray(0, IV_LENGTH);
  const cipher = createCipheriv('aes-256-ctr', keys.encKey, iv);
  return Buffer.concat([MAGIC, Buffer.from([VERSION]), keys.keyId, iv, cipher.update(plaintext), cipher.final()]);
}

export function decrypt(data: Uint8Array, keys: DerivedKeys): Buffer {
  const bytes = Buffer.from(data);
  if (!startsWithMagic(bytes)) throw new DecryptError('not an encrypted journal file', 'not-encrypted');
  if (bytes.length < HEADER_LENGTH) throw new DecryptError('the encrypted file was cut short', 'tampered');
  let offset = MAGIC.length;
  const version = bytes[offset++];
  if (version !== VERSION)
    throw new DecryptError(`encrypted with format version ${version}, which this intimacy does not know`, 'version');
  const keyId = bytes.subarray(offset, (offset += KEY_ID_LENGTH));
  if (!keyId.equals(keys.keyId)) throw new DecryptError('encrypted with a different key', 'wrong-key');
  const iv = bytes.subarray(offset, (offset += IV_LENGTH));
  const { createDecipheriv, createHmac, timingSafeEqual } = nodeCrypto();
  const decipher = createDecipheriv('aes-256-ctr', keys.encKey, iv);
  const plaintext = Buffer.concat([decipher.update(bytes.subarray(offset)), decipher.final()]);
  const check = createHmac('sha256', keys.macKey).update(plaintext).digest().subarray(0, IV_LENGTH);
  if (!timingSafeEqual(check, iv)) throw new DecryptError('the encrypted file was changed or damaged', 'tampered');
  return plaintext;
}

/** A fingerprint of the key to show people (never the key itself). */
export function fingerprint(keys: DerivedKeys): string {
  return keys.keyId.toString('hex');
}

/* Passphrase wrapping for handing the key to the partner: scrypt → AES-256-GCM. */
const WRAP_MAGIC = 'intimacy-key-v1';
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export function wrapKey(master: Buffer, passphrase: string): string {
  const { createCipheriv, randomBytes, scryptSync } = nodeCrypto();
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const kek = scryptSync(passphrase.normalize('NFC'), salt, 32, SCRYPT);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce);
  const sealed = Buffer.concat([cipher.update(master), cipher.final(), cipher.getAuthTag()]);
  return `${WRAP_MAGIC}:${salt.toString('base64')}:${nonce.toString('base64')}:${sealed.toString('base64')}\n`;
}

export function unwrapKey(wrapped: string, passphrase: string): Buffer {
  const parts = wrapped.trim().split(':');
  if (parts.length !== 4 || parts[0] !== WRAP_MAGIC) throw new UnwrapError('this is not an exported intimacy key');
  const [salt, nonce, sealed] = parts.slice(1).map((p) => Buffer.from(p, 'base64')) as [Buffer, Buffer, Buffer];
  const { createDecipheriv, scryptSync } = nodeCrypto();
  const kek = scryptSync(passphrase.normalize('NFC'), salt, 32, SCRYPT);
  const decipher = createDecipheriv('aes-256-gcm', kek, nonce);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
  } catch {
    throw new UnwrapError('wrong passphrase, or the exported key was damaged');
  }
}
