import type { Document } from 'yaml';
import { IntimacyError, UserError } from '../errors.js';
import { yamlReason } from '../store/bounded-yaml.js';
import { commitOrKeep } from '../store/commit.js';
import { writeJournalFile } from '../store/files.js';
import { SETTINGS_FILE } from '../store/layout.js';
import { withJournalLock } from '../store/lock.js';
import type { Journal } from './journal.js';
import { parseSettings, readSettingsText, settingsDocument } from './settings.js';

/**
 * Changes intimacy.yaml in place, keeping the couple's comments and order, and commits it
 * with a plain-sentence message. The edit sees the parsed document; the result is checked
 * before it replaces the file. The file is read and written the safe way: a link there is
 * refused, never read through (its target would be copied into the journal and pushed).
 */
export async function editSettings(
  journal: Journal,
  message: string,
  edit: (doc: Document) => void,
): Promise<{ commitProblem?: string }> {
  return withJournalLock(journal.dir, async () => {
    const text = readSettingsText(journal.dir);
    if (text === undefined)
      throw new UserError(`${SETTINGS_FILE} is missing.`, 'Restore it with git checkout -- intimacy.yaml.');
    const { doc } = settingsDocument(text);
    try {
      edit(doc);
    } catch (error) {
      if (error instanceof IntimacyError) throw error;
      // The yaml library refuses to set a value inside a setting that is not a mapping
      // (`rituals: [1]`, `rituals: {checkin: 5}`): the file's shape, not a bug.
      throw new UserError(
        `${SETTINGS_FILE} cannot be changed: a setting on the way is not a mapping (${yamlReason(error instanceof Error ? error.message : String(error))}).`,
        'Fix intimacy.yaml by hand (intimacy doctor shows what is wrong), then run the command again.',
      );
    }
    const next = doc.toString();
    journal.settings = parseSettings(next);
    await writeJournalFile(journal.dir, SETTINGS_FILE, next);
    return commitOrKeep(journal, [SETTINGS_FILE], message);
  });
}
