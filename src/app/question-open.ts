import { type Journal, openJournal } from '../journal/journal.js';
import { assertReadable } from '../store/encryption-state.js';
import type { CommandContext } from './context.js';

/** The journal a questions command reads (and may open answers in): readable, or a clear error. */
export async function openForReading(ctx: CommandContext): Promise<Journal> {
  const journal = await openJournal(ctx);
  await assertReadable(journal);
  return journal;
}
