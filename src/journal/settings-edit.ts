import path from 'node:path';
import { type Document, parseDocument } from 'yaml';
import { UserError } from '../errors.js';
import { commitOrKeep } from '../store/commit.js';
import { readTextIfExists, writeFileAtomic } from '../store/files.js';
import { SETTINGS_FILE } from '../store/layout.js';
import { withJournalLock } from '../store/lock.js';
import type { Journal } from './journal.js';
import { parseSettings } from './settings.js';

/**
 * Changes intimacy.yaml in place, keeping the couple's comments and order, and commits it
 * with a plain-sentence message. The edit sees the parsed document; the result is checked
 * before it replaces the file.
 */
export async function editSettings(
  journal: Journal,
  message: string,
  edit: (doc: Document) => void,
): Promise<{ commitProblem?: string }> {
  return withJournalLock(journal.dir, async () => {
    const file = path.join(journal.dir, SETTINGS_FILE);
    const text = await readTextIfExists(file);
    if (text === undefined)
      throw new UserError(`${file} is missing.`, 'Restore it with git checkout -- intimacy.yaml.');
    const doc = parseDocument(text);
    edit(doc);
    const next = doc.toString();
    journal.settings = parseSettings(next, file);
    await writeFileAtomic(file, next);
    return commitOrKeep(journal, [SETTINGS_FILE], message);
  });
}
