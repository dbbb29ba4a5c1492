import type { Git } from '../git/git.js';
import { type Journal, type JournalContext, openJournal } from '../journal/journal.js';
import { assertReadable } from '../store/encryption-state.js';
import { heldPromptCount } from './prompt-memo.js';
import { statusInputs } from './status-inputs.js';

/**
 * The journal opened for `status --prompt`, with the count of what is due as the last status
 * left it, when nothing that count was made from has changed (`due` undefined: git must look).
 * The count's files are checked while git reads the config (started when ctx.git was made), so
 * the check adds no wait of its own.
 */
export async function openForPrompt(
  ctx: JournalContext & { git: Git },
  now: Date,
): Promise<{ journal: Journal; due?: number }> {
  const held = heldPromptCount(ctx.git);
  const journal = await openJournal(ctx);
  await assertReadable(journal);
  return held !== undefined && held.inputs === statusInputs(journal, now) ? { journal, due: held.due } : { journal };
}
