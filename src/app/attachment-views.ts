import path from 'node:path';
import { FileProblem } from '../errors.js';
import type { Journal } from '../journal/journal.js';
import { DRAWN, isAttachmentPath, MAX_ATTACHMENT_BYTES } from '../store/attachments.js';
import { photoKindOf } from '../store/photo-metadata.js';
import { PRIVATE_ROOT } from '../store/private.js';
import { readJournalBytes } from '../store/safe-file.js';
import type { EntryView } from '../ui/render/view.js';
import type { InlineImage } from '../ui/report/entry-html.js';

/*
 * Attached files as the exports show them. An entry's `attachments:` came through git like the
 * rest of it, so only a path intimacy itself would have written is looked at (never `..`, never
 * .intimacy/, never through a link: the store's safe open), and only so much is read.
 */

/** The most the report embeds, all photos together; past it, photos are named instead. */
export const MAX_REPORT_PHOTO_BYTES = 100 * 1024 * 1024;

/** Where an entry's files are: beside the journal's entries, or a private entry's beside it. */
function rootOf(journal: Journal, view: EntryView): string {
  return view.private ? path.join(journal.dir, PRIVATE_ROOT) : journal.dir;
}

/** For the Markdown export: the link from the folder the export is written in to each file. */
export function attachmentLinks(
  journal: Journal,
  exportDir: string,
): (file: string, view: EntryView) => string | undefined {
  return (file, view) => {
    if (!isAttachmentPath(file)) return undefined;
    const relative = path
      .relative(exportDir, path.join(rootOf(journal, view), file))
      .split(path.sep)
      .join('/');
    return encodeURI(relative);
  };
}

/**
 * For the HTML report: each attached photo a browser can draw, as bytes to write into the page
 * (the page may load nothing from anywhere, its CSP allows only data: images).
 */
export function inlineImages(journal: Journal): (file: string, view: EntryView) => InlineImage | undefined {
  let budget = MAX_REPORT_PHOTO_BYTES;
  return (file, view) => {
    if (!isAttachmentPath(file)) return undefined;
    let bytes: Buffer | undefined;
    try {
      bytes = readJournalBytes(rootOf(journal, view), file, { maxBytes: MAX_ATTACHMENT_BYTES });
    } catch (error) {
      // A link, a pipe, a file too big: named, not shown.
      if (error instanceof FileProblem) return undefined;
      throw error;
    }
    const kind = bytes && photoKindOf(bytes);
    const type = kind && DRAWN[kind];
    if (!bytes || !type || bytes.length > budget) return undefined;
    budget -= bytes.length;
    return { type, base64: bytes.toString('base64') };
  };
}
