import { nodeCrypto } from '../store/node-crypto.js';

/*
 * A sealed answer. Until both partners have answered, an answer is committed only as ciphertext
 * under a fresh random key of its own (AES-256-GCM); the key stays in this clone's .intimacy/
 * (never committed) and is committed only once the partner's own sealed answer is in the
 * journal. So no file and no git object the partner can reach holds the words before they have
 * answered themselves, whether the journal is encrypted or not; and since the ciphertext stays
 * in the entry after opening, anyone can check the opened words against what was sealed.
 */

export interface SealedWords {
  answer: string;
  guess?: string;
}

export interface Sealed {
  /** base64 of iv (12 bytes), tag (16) and ciphertext */
  sealed: string;
  /** base64 of the 32-byte key */
  key: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export function seal(words: SealedWords): Sealed {
  const { createCipheriv, randomBytes } = nodeCrypto();
  const key = randomBytes(KEY_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const plain = Buffer.from(JSON.stringify(words), 'utf8');
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'),
    key: key.toString('base64'),
  };
}

/** The sealed words, or undefined when the key does not open them (wrong key, or tampered). */
export function unseal(sealed: string, key: string): SealedWords | undefined {
  try {
    const bytes = Buffer.from(sealed, 'base64');
    const keyBytes = Buffer.from(key, 'base64');
    if (keyBytes.length !== KEY_BYTES || bytes.length < IV_BYTES + TAG_BYTES) return undefined;
    const decipher = nodeCrypto().createDecipheriv('aes-256-gcm', keyBytes, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    const data = JSON.parse(plain.toString('utf8')) as unknown;
    if (!data || typeof data !== 'object') return undefined;
    const { answer, guess } = data as Record<string, unknown>;
    if (typeof answer !== 'string') return undefined;
    return typeof guess === 'string' ? { answer, guess } : { answer };
  } catch {
    return undefined;
  }
}

/** The smallest words sealed: `{"answer":""}`. */
const LEAST_WORDS = Buffer.byteLength(JSON.stringify({ answer: '' }));

/**
 * Whether `text` can be a sealed answer at all: base64 of an iv, a tag and at least the
 * smallest words. A partner's "answer" that cannot be one (a letter, an empty string) is no
 * answer, and never makes this clone release its own key.
 */
export function couldBeSealed(text: string): boolean {
  return (
    /^[A-Za-z0-9+/]+={0,2}$/.test(text) &&
    text.length % 4 === 0 &&
    Buffer.from(text, 'base64').length >= IV_BYTES + TAG_BYTES + LEAST_WORDS
  );
}

/** The name the local key is kept under: from the ciphertext, so it is known before the entry's id. */
export function sealName(sealed: string): string {
  return nodeCrypto().createHash('sha256').update(sealed).digest('hex').slice(0, 32);
}
