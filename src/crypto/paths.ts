/**
 * What the journal encrypts: every file under these folders, whatever its name (entries and
 * their notes, templates, decks, attachments). `.gitattributes` says so to git; the pre-push
 * check and `encrypt import-key` use the same list, so none of them can miss a file another
 * one covers.
 */
export const ENCRYPTED_DIRS = ['entries', 'templates', 'decks', 'attachments'] as const;

export function isEncryptedPath(file: string): boolean {
  return ENCRYPTED_DIRS.some((dir) => file.startsWith(`${dir}/`));
}

const HEADER = '# intimacy: these folders are stored encrypted in git, plain in this folder';

/** Attached files (photos: binary, so no text diff) are encrypted like entries. */
export const ATTACHMENTS_ATTRIBUTE = 'attachments/** filter=intimacy -diff -text';

const LINES = ENCRYPTED_DIRS.map((dir) =>
  dir === 'attachments' ? ATTACHMENTS_ATTRIBUTE : `${dir}/** filter=intimacy diff=intimacy -text`,
);

export const ATTRIBUTES = `${HEADER}\n${LINES.join('\n')}\n`;

/**
 * `.gitattributes` as it must be: the user's own lines kept, intimacy's lines present once.
 * Undefined when the text already holds every line (nothing to write).
 */
export function attributesWanted(current: string | undefined): string | undefined {
  const lines = (current ?? '').split('\n');
  const ours = ATTRIBUTES.trimEnd().split('\n').slice(1);
  if (ours.every((line) => lines.includes(line))) return undefined;
  // Earlier intimacy lines (another list of folders, or a partner's edit of them) are replaced.
  const own = lines.filter((line) => !/filter=intimacy|^# intimacy:/.test(line) && line.trim() !== '');
  return (own.length > 0 ? `${own.join('\n')}\n` : '') + ATTRIBUTES;
}
