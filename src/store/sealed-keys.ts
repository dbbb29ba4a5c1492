import { readdirSync } from 'node:fs';
import path from 'node:path';
import { removeJournalFile, writeJournalFile } from './files.js';
import { STATE_DIR } from './layout.js';
import { FILE_LIMITS, readJournalText } from './safe-file.js';

/*
 * The keys of this clone's sealed answers, kept in .intimacy/sealed/ (never committed, 0600)
 * until the partner has answered too and the key is committed beside the answer. Named by the
 * sealed text's digest, so the key is on disk before the entry is written: a crash between the
 * two costs nothing but an unused key. A key is removed once it is in the journal, so a clone
 * with no key here has nothing to open (and the commands that look need read no entry).
 */
const SEALED_DIR = `${STATE_DIR}/sealed`;

function keyPath(name: string): string {
  if (!/^[0-9a-f]{32}$/.test(name)) throw new Error(`not a sealed answer's name: ${name}`);
  return `${SEALED_DIR}/${name}.key`;
}

export async function keepSealedKey(journalDir: string, name: string, key: string): Promise<void> {
  await writeJournalFile(journalDir, keyPath(name), `${key}\n`);
}

/** The key kept for this sealed answer, if this clone wrote it. */
export function sealedKey(journalDir: string, name: string): string | undefined {
  try {
    return readJournalText(journalDir, keyPath(name), { maxBytes: FILE_LIMITS.small })?.trim() || undefined;
  } catch {
    return undefined; // a damaged or planted key file opens nothing; the answer stays sealed
  }
}

/** Does this clone keep the key of an answer not opened yet? */
export function holdsSealedKeys(journalDir: string): boolean {
  try {
    return readdirSync(path.join(journalDir, SEALED_DIR)).some((name) => name.endsWith('.key'));
  } catch {
    return false;
  }
}

/** The key is in the journal now (beside its answer): this clone need not keep it. */
export async function dropSealedKey(journalDir: string, name: string): Promise<void> {
  await removeJournalFile(journalDir, keyPath(name));
}
