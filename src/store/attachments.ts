import { lstatSync } from 'node:fs';
import path from 'node:path';
import { FileProblem, UsageError } from '../errors.js';
import type { Entry } from './entry.js';
import { createNewFile, ensureJournalDir } from './files.js';
import { slugify, utcStamp } from './naming.js';
import { cleanPhoto, DamagedPhoto, type PhotoKind } from './photo-metadata.js';
import { readJournalBytes } from './safe-file.js';

/*
 * The scrapbook: files kept with an entry (`--attach FILE`), under attachments/YYYY/MM/ beside
 * entries/, named <stamp>-<author>-<name>.<ext> so that two partners attaching at the same
 * moment never write the same path (no conflict in git, as for entries). The entry lists them
 * in its front matter (`attachments:`, paths from the journal's folder) and links them from its
 * Markdown under "## Attached", so the files read right in any Markdown viewer too.
 */

export const ATTACHMENTS_DIR = 'attachments';
/** The heading of the links an entry's body gets; readers show the files from the front matter instead. */
export const ATTACHED_HEADING = 'Attached';

/**
 * The most one file may be. A partner's sync refuses any file over 16 MiB (sync/incoming-rules.ts),
 * and encryption adds a few bytes: 15 MiB leaves room for both. A phone photo is 2 to 8 MiB.
 */
export const MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024;
/** The most files one entry takes. */
export const MAX_ATTACHMENTS = 20;

/** A file to attach, read and cleaned, not yet written anywhere. */
export interface Attachment {
  /** as the user named it, for messages */
  given: string;
  /** what it will be called after the stamp and author: "picnic_by_the_lake.jpg" */
  name: string;
  bytes: Buffer;
  kind?: PhotoKind;
  /** metadata taken out of a photo ("EXIF", "XMP"…) */
  removed: string[];
  /** a photo kind whose metadata could not be taken out */
  uncleaned?: boolean;
}

/** What each photo kind's files are called; the first is used when the name says something else. */
const EXTENSIONS: Record<PhotoKind, string[]> = {
  jpeg: ['jpg', 'jpeg'],
  png: ['png'],
  webp: ['webp'],
  heif: ['heic', 'heif', 'avif'],
  gif: ['gif'],
  tiff: ['tif', 'tiff', 'dng'],
};

/** The kinds a browser draws from a data: URL, and their media types. */
export const DRAWN: Partial<Record<PhotoKind, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

/** A safe file name for `given`: letters, digits and `_`, with an extension that says what the bytes are. */
export function attachmentName(given: string, kind?: PhotoKind): string {
  const base = path.basename(given);
  const dot = base.lastIndexOf('.');
  let extension = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  if (!/^[a-z0-9]{1,8}$/.test(extension)) extension = '';
  if (kind && !EXTENSIONS[kind].includes(extension)) extension = EXTENSIONS[kind][0]!;
  const stem = slugify(dot > 0 ? base.slice(0, dot) : base, 'file');
  return extension ? `${stem}.${extension}` : stem;
}

const MIB = 1024 * 1024;

function tooBig(given: string, size?: number): UsageError {
  return refuse(
    given,
    `it is ${size === undefined ? '' : `${(size / MIB).toFixed(1)} MiB, `}more than the ${MAX_ATTACHMENT_BYTES / MIB} MiB a file may be`,
    'Attach a smaller copy (a photo exported at a lower size).',
  );
}

function refuse(given: string, reason: string, suggestion?: string): UsageError {
  return new UsageError(`Cannot attach ${given}: ${reason}; nothing was saved.`, suggestion);
}

/**
 * Reads a file the user passed with --attach, and takes the location out of a photo. A link is
 * not followed (say which file you mean), a pipe, a folder or a device is refused without
 * waiting on it, and nothing over MAX_ATTACHMENT_BYTES is read.
 */
export function readAttachment(cwd: string, given: string): Attachment {
  // An empty path would resolve to the current folder, and be refused as a folder.
  if (given === '')
    throw new UsageError(
      'The path of the file to attach is empty; nothing was saved.',
      'Give a file: --attach photo.jpg.',
    );
  const file = path.resolve(cwd, given);
  try {
    const stat = lstatSync(file);
    if (stat.isSymbolicLink())
      throw refuse(given, 'it is a symbolic link, which intimacy does not follow', 'Attach the file it points to.');
    if (stat.isFile() && stat.size > MAX_ATTACHMENT_BYTES) throw tooBig(given, stat.size);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw refuse(given, 'there is no such file', 'Check the path.');
    throw refuse(given, `it cannot be read (${code ?? String(error)})`);
  }
  let bytes: Buffer | undefined;
  try {
    bytes = readJournalBytes(path.dirname(file), path.basename(file), { maxBytes: MAX_ATTACHMENT_BYTES });
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    // It grew between the two looks.
    if (error.reason.startsWith('too big')) throw tooBig(given);
    throw refuse(given, `it is ${error.reason}`, 'Attach a regular file.');
  }
  if (bytes === undefined) throw refuse(given, 'there is no such file', 'Check the path.');
  try {
    return attachmentOf(given, bytes);
  } catch (error) {
    if (error instanceof DamagedPhoto)
      throw refuse(given, `it looks like a photo but is damaged (${error.message})`, 'Attach another copy of it.');
    throw error;
  }
}

/** A file's bytes as they will be kept: a photo without its metadata, under a safe name. Throws DamagedPhoto. */
export function attachmentOf(given: string, bytes: Buffer): Attachment {
  const cleaned = cleanPhoto(bytes);
  return {
    given,
    name: attachmentName(given, cleaned.kind),
    bytes: cleaned.bytes,
    ...(cleaned.kind ? { kind: cleaned.kind } : {}),
    removed: cleaned.removed,
    ...(cleaned.uncleaned ? { uncleaned: true } : {}),
  };
}

/** Every --attach file, read and checked before anything is written: one bad file writes nothing. */
export function readAttachments(cwd: string, given: string[]): Attachment[] {
  const unique = [...new Set(given)];
  if (unique.length > MAX_ATTACHMENTS)
    throw new UsageError(
      `An entry takes at most ${MAX_ATTACHMENTS} attached files, not ${unique.length}; nothing was saved.`,
      'Attach the rest to another entry.',
    );
  return unique.map((file) => readAttachment(cwd, file));
}

/** attachments/YYYY/MM/<stamp>-<author>-<name>: the kind of path an entry may list. */
const ATTACHMENT_PATH = /^attachments\/\d{4}\/\d{2}\/[a-z0-9][a-z0-9_.-]{0,200}$/i;

/** Whether an entry's `attachments:` item is a path intimacy would have written (it came through git). */
export function isAttachmentPath(relPath: string): boolean {
  return ATTACHMENT_PATH.test(relPath) && !relPath.includes('..');
}

/**
 * Writes the files under `base` (the journal, or the private entries' folder) in
 * attachments/YYYY/MM/ of `when`, never over another file. Returns their paths from `base`.
 */
export async function storeAttachments(
  root: string,
  base: string,
  attachments: Attachment[],
  when: Date,
  author: string,
): Promise<string[]> {
  const stored: string[] = [];
  for (const attachment of attachments) {
    const { dir, stem, extension } = placeOf(attachment, when, author);
    const folder = await ensureJournalDir(root, base === '' ? dir : `${base}/${dir}`);
    const name = await createNewFile(folder, stem, attachment.bytes, undefined, (attempt) =>
      attempt <= 1 ? `${stem}${extension}` : `${stem}-${attempt}${extension}`,
    );
    stored.push(`${dir}/${name}`);
  }
  return stored;
}

function placeOf(attachment: Attachment, when: Date, author: string) {
  const iso = when.toISOString();
  const dot = attachment.name.lastIndexOf('.');
  return {
    dir: `${ATTACHMENTS_DIR}/${iso.slice(0, 4)}/${iso.slice(5, 7)}`,
    stem: `${utcStamp(when)}-${slugify(author)}-${dot > 0 ? attachment.name.slice(0, dot) : attachment.name}`,
    extension: dot > 0 ? attachment.name.slice(dot) : '',
  };
}

/** The paths storeAttachments will most likely choose (a number may follow), to check an entry before writing. */
export function plannedPaths(attachments: Attachment[], when: Date, author: string): string[] {
  return attachments.map((a) => {
    const { dir, stem, extension } = placeOf(a, when, author);
    return `${dir}/${stem}-999${extension}`;
  });
}

/**
 * The entry with its files: listed in the front matter, linked from the body (from
 * entries/YYYY/MM/ the journal's folder is three levels up), images as images.
 */
export function withAttachments(entry: Entry, stored: string[], attachments: Attachment[]): Entry {
  if (stored.length === 0) return entry;
  const links = stored.map((file, i) => {
    const name = path.posix.basename(file);
    return `${attachments[i]?.kind && DRAWN[attachments[i].kind] ? '!' : ''}[${name}](../../../${file})`;
  });
  const body = entry.body.replace(/\s*$/, '');
  return {
    ...entry,
    fields: { ...entry.fields, attachments: stored },
    body: `${body === '' ? '' : `${body}\n\n`}## ${ATTACHED_HEADING}\n\n${links.join('\n\n')}\n`,
  };
}
