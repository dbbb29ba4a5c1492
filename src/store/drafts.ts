import path from 'node:path';
import { FileProblem } from '../errors.js';
import { fileCalls as fs } from '../file-calls.js';
import { ensureJournalDir, removeJournalFile, writeJournalFile } from './files.js';
import { STATE_DIR } from './layout.js';
import { slugify } from './naming.js';
import { FILE_LIMITS, foldersAreReal, readJournalText } from './safe-file.js';

/*
 * Half-finished template runs, kept after every answer in .intimacy/drafts/ (git-ignored,
 * this machine only, 0600), so Ctrl-C or a closed terminal loses at most the answer being typed.
 */

export const DRAFTS_DIR = `${STATE_DIR}/drafts`;

/** An answer as a draft keeps it: null marks a question that was asked and left blank. */
export type DraftAnswer = string | number | boolean | string[] | null;

export interface Draft {
  template: string;
  /** whose answers, in turn order (two people for --together) */
  authors: string[];
  /** answers so far, per author, by question id */
  answers: Record<string, Record<string, DraftAnswer>>;
  /**
   * a question answered in parts and left before its last (one outcome per earlier promise), per
   * author, by question id: a resumed run asks only the parts that are left
   */
  partial?: Record<string, Record<string, string[]>>;
  started: string;
  updated: string;
}

export interface StoredDraft extends Draft {
  /** relative to the journal */
  relPath: string;
}

export function draftPath(template: string, authors: string[]): string {
  return `${DRAFTS_DIR}/${template}-${authors.map((a) => slugify(a)).join('+')}.json`;
}

/** The drafts folder, created 0700 inside the journal (never through a symbolic link). */
export async function draftsFolder(journalDir: string): Promise<string> {
  return ensureJournalDir(journalDir, DRAFTS_DIR);
}

export async function writeDraft(journalDir: string, draft: Draft): Promise<void> {
  await writeJournalFile(journalDir, draftPath(draft.template, draft.authors), JSON.stringify(draft, null, 2) + '\n');
}

/** A draft file's data, or undefined when there is none or it is not one (torn, planted, too big, a link). */
function readDraftFile(journalDir: string, relPath: string, checked?: Set<string>): Draft | undefined {
  try {
    const text = readJournalText(journalDir, relPath, { maxBytes: FILE_LIMITS.draft, checked });
    if (text === undefined) return undefined;
    const data = JSON.parse(text) as unknown;
    return isDraft(data) ? data : undefined;
  } catch (error) {
    // A draft torn by a crash is worth less than a working command: treat it as absent.
    if (error instanceof SyntaxError || error instanceof FileProblem) return undefined;
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isDraftAnswer(value: unknown): value is DraftAnswer {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * A draft as read back from disk is checked whole, answers included: a file that is not one
 * (torn by a crash, edited by hand) is treated as no draft rather than trusted.
 */
function isDraft(value: unknown): value is Draft {
  if (!isRecord(value)) return false;
  const { template, authors, answers, partial, started, updated } = value;
  return (
    (partial === undefined ||
      (isRecord(partial) &&
        Object.values(partial).every(
          (given) =>
            isRecord(given) &&
            Object.values(given).every((parts) => Array.isArray(parts) && parts.every((p) => typeof p === 'string')),
        ))) &&
    typeof template === 'string' &&
    Array.isArray(authors) &&
    authors.every((author) => typeof author === 'string') &&
    isInstant(started) &&
    isInstant(updated) &&
    isRecord(answers) &&
    Object.values(answers).every((given) => isRecord(given) && Object.values(given).every(isDraftAnswer))
  );
}

/** A time as a draft records it (an ISO instant), which its listing shows: "yesterday" is none. */
function isInstant(value: unknown): value is string {
  return typeof value === 'string' && Number.isFinite(Date.parse(value));
}

export async function readDraft(journalDir: string, template: string, authors: string[]): Promise<Draft | undefined> {
  return readDraftFile(journalDir, draftPath(template, authors));
}

export async function discardDraft(journalDir: string, template: string, authors: string[]): Promise<void> {
  await removeJournalFile(journalDir, draftPath(template, authors));
}

/** Every readable draft, most recently updated first. */
export async function listDrafts(journalDir: string): Promise<StoredDraft[]> {
  let names: string[];
  try {
    if (!foldersAreReal(journalDir, DRAFTS_DIR, DRAFTS_DIR)) return [];
    names = await fs.readdir(path.join(journalDir, DRAFTS_DIR));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof FileProblem) return [];
    throw error;
  }
  const drafts: StoredDraft[] = [];
  const checked = new Set<string>();
  for (const name of names.filter((n) => n.endsWith('.json') && !n.startsWith('.'))) {
    const relPath = `${DRAFTS_DIR}/${name}`;
    const data = readDraftFile(journalDir, relPath, checked);
    if (data) drafts.push({ ...data, relPath });
  }
  return drafts.sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
}

/** How many answers the draft holds (a blank one is not one; each part of a question left half-way is). */
export function answeredIn(draft: Pick<Draft, 'answers' | 'partial'>): number {
  let count = 0;
  for (const answers of Object.values(draft.answers)) {
    for (const answer of Object.values(answers)) if (answer !== null) count++;
  }
  for (const parts of Object.values(draft.partial ?? {})) {
    for (const given of Object.values(parts)) count += given.length;
  }
  return count;
}
