import { DecryptError } from '../errors.js';
import { shownShellWord } from '../shell-word.js';
import { type DerivedKeys, decrypt } from './cipher.js';

/**
 * Why a file in the folder is still ciphertext in a clone that has the key (the filter would
 * have decrypted it), for a listing of skipped files: cut short or changed since it was
 * encrypted, encrypted with another key or by a newer intimacy, or in fact readable with this
 * key and only not written out decrypted. Pure.
 */
export function whyStillEncrypted(bytes: Buffer, keys: DerivedKeys, relPath: string): string {
  const word = shownShellWord(relPath); // the commands below must run as pasted, whatever the name holds
  try {
    decrypt(bytes, keys);
  } catch (error) {
    if (!(error instanceof DecryptError)) throw error;
    if (error.reason === 'wrong-key')
      return "encrypted with a different key than this clone's, so it cannot be read here; if the journal's key changed, import the one your partner exports (intimacy encrypt import-key FILE)";
    if (error.reason === 'version') return `${error.message}; update intimacy to read it`;
    // 'tampered', or 'not-encrypted': a header cut short
    return `the encrypted file is damaged (cut short or changed), so it cannot be decrypted; this clone's key is fine. Restore the file from git history (git log -- ${word} lists its versions; git checkout COMMIT -- ${word} puts one back) or ask your partner for their copy`;
  }
  return `still encrypted in the folder, though this clone's key opens it; git checkout -- ${word} writes it out decrypted`;
}
