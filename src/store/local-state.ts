import path from 'node:path';
import { readTextIfExists, writeFileAtomic } from './files.js';
import { STATE_DIR } from './layout.js';

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

function stateFile(journalDir: string): string {
  return path.join(journalDir, STATE_DIR, 'state.json');
}

export async function readLocalState(journalDir: string): Promise<LocalState> {
  const text = await readTextIfExists(stateFile(journalDir));
  if (!text) return {};
  try {
    const data = JSON.parse(text) as unknown;
    return data && typeof data === 'object' ? (data as LocalState) : {};
  } catch {
    return {}; // a damaged cache of local facts is simply started again
  }
}

export async function updateLocalState(journalDir: string, change: Partial<LocalState>): Promise<void> {
  const state = { ...(await readLocalState(journalDir)), ...change };
  await writeFileAtomic(stateFile(journalDir), JSON.stringify(state, null, 2) + '\n', { durable: false });
}
