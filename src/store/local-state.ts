import { writeJournalFile } from './files.js';
import { STATE_DIR } from './layout.js';
import { FILE_LIMITS, readJournalText } from './safe-file.js';

/**
 * Small facts this clone keeps for itself in .intimacy/state.json (never committed):
 * when its owner last looked at the partner's news, whether the names were asked for, and which
 * stretch of low connection status has already mentioned (it says so once; stats always does).
 */
export interface LocalState {
  lastLooked?: string;
  /** the first write at a terminal asked for the two names (it asks once) */
  namesAsked?: boolean;
  counselShown?: string;
}

const STATE_FILE = `${STATE_DIR}/state.json`;

export async function readLocalState(journalDir: string): Promise<LocalState> {
  try {
    const text = readJournalText(journalDir, STATE_FILE, { maxBytes: FILE_LIMITS.small });
    if (!text) return {};
    const data = JSON.parse(text) as unknown;
    return data && typeof data === 'object' ? (data as LocalState) : {};
  } catch {
    return {}; // a damaged (or planted) record of local facts is simply started again
  }
}

/**
 * Records local facts. Only a convenience: a journal that cannot be written here (a read-only
 * disk, a folder owned by someone else) still reads without error; the fact is just not kept.
 */
export async function updateLocalState(journalDir: string, change: Partial<LocalState>): Promise<void> {
  const state = { ...(await readLocalState(journalDir)), ...change };
  try {
    await writeJournalFile(journalDir, STATE_FILE, JSON.stringify(state, null, 2) + '\n', { durable: false });
  } catch (error) {
    if (!UNWRITABLE.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
}

const UNWRITABLE = new Set(['EROFS', 'EACCES', 'EPERM', 'ENOSPC', 'EDQUOT']);
