import path from 'node:path';
import { plural } from '../plural.js';
import type { Attachment } from '../store/attachments.js';
import { IMPORT_KEY_HINT, NO_KEY_REASON } from '../store/encryption-state.js';
import type { SavedEntry } from '../store/save.js';
import { info, out, print, warn } from './output.js';
import { safeText } from './render/safe.js';
import { typeLabel } from './words.js';

/** How every writing command says what happened to the entry. */
export function reportSaved(saved: SavedEntry, type: string): void {
  reportLeftovers(saved.leftoversCommitted);
  const where = saved.private ? 'privately (this computer only, never shared)' : '';
  print(`Saved ${typeLabel(type)} ${out().bold(saved.id)} ${where ? where + ' ' : ''}→ ${saved.absPath}`);
  if (saved.commitProblem) warnNotCommitted(saved.commitProblem, 'the entry');
}

/** Files an earlier, interrupted command left uncommitted, committed by this one. */
export function reportLeftovers(count: number): void {
  if (count > 0) info(`Committed ${plural(count, 'file')} that had been left uncommitted.`);
}

/**
 * The one way to say that a change is on disk but git did not take it (git's reason in
 * brackets). Entries, edits and templates are committed by the next command (the leftovers).
 */
export function warnNotCommitted(problem: string, what?: 'the entry' | 'the edit' | 'the template'): void {
  // Not a commit that the next command retries: it waits for the key.
  if (problem === NO_KEY_REASON) {
    warn(
      `${what ?? 'it'} is saved here but not committed: ${NO_KEY_REASON}. ${IMPORT_KEY_HINT}; the next intimacy command then commits it.`,
    );
    return;
  }
  if (what) warn(`${what} is saved but not committed (git: ${problem}); the next intimacy command will commit it.`);
  else warn(`saved but not committed (git: ${problem}).`);
}

/**
 * Where the attached files were kept, and, once for them all, what was taken out of the photos
 * (the location above all) before they were: the copy in the journal is not the original.
 */
export function reportAttachments(saved: SavedEntry, attachments: Attachment[]): void {
  const paths = saved.attachments ?? [];
  for (const [i, file] of paths.entries()) info(`Attached ${safeText(attachments[i]?.given ?? '')} → ${file}`);
  const cleaned = attachments.filter((a) => a.removed.length > 0).map((a) => safeText(path.basename(a.given)));
  if (cleaned.length > 0) {
    const names = cleaned.length === 1 ? cleaned[0] : `${cleaned.slice(0, -1).join(', ')} and ${cleaned.at(-1)}`;
    info(
      `Removed the location and camera details from ${names} before keeping ${cleaned.length === 1 ? 'it' : 'them'} (your ${cleaned.length === 1 ? 'original is' : 'originals are'} unchanged).`,
    );
  }
  for (const a of attachments.filter((one) => one.uncleaned))
    warn(
      `${safeText(a.given)} is kept as it is: intimacy can only take the location out of JPEG, PNG, WebP and HEIC photos.`,
    );
}
