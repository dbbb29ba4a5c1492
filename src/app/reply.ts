import { UsageError, UserError } from '../errors.js';
import type { Journal } from '../journal/journal.js';
import { askText } from '../prompts/index.js';
import { readStdin } from '../prompts/stdin.js';
import { REPLY_TYPE } from '../reading/replies.js';
import type { ReadEntry } from '../reading/select.js';
import { shownShellWord } from '../shell-word.js';
import { authorName } from '../store/authors.js';
import type { Entry } from '../store/entry.js';
import { isoWithOffset } from '../store/entry-date.js';
import { MAX_ENTRY_BYTES } from '../store/entry-files.js';
import { REPLY_HEADING } from '../ui/render/reply.js';
import type { CommandContext } from './context.js';
import { isSealedAnswer } from './sealed-guard.js';
import { writeEntries } from './write-entry.js';

/**
 * `intimacy reply`: a short note answering an entry, saved as an entry of its own (two replies
 * never conflict), naming the entry it answers. Checked before anything is written: the entry
 * exists (the caller found it), it is neither a sealed answer nor a private entry, and the reply
 * is not empty.
 */
export async function writeReply(
  ctx: CommandContext,
  journal: Journal,
  target: ReadEntry,
  words: string[],
): Promise<void> {
  if (await isSealedAnswer(journal, target.file))
    throw new UserError(
      `${target.file.id} is a sealed answer; nothing was written.`,
      'Reply once you have both answered and it has opened (intimacy questions).',
    );
  // A reply is shared, and names what it answers: to a private entry it would tell the partner
  // that entry's time and type, and answer nothing they can read.
  if (target.entry.fields.private === true)
    throw new UserError(
      `${target.file.id} is a private entry (this computer only); a reply is shared and would name it, so nothing was written.`,
      `Add to the entry itself with intimacy edit ${shownShellWord(target.file.id)}.`,
    );
  const text = await replyText(ctx, words, authorName(journal.settings, target.entry.author));
  if (text.trim() === '')
    throw new UsageError(
      'The reply is empty; nothing was saved.',
      'Say a few words, e.g. intimacy reply last "thank you".',
    );
  const when = ctx.now();
  const me = authorName(journal.settings, journal.me.name);
  const whose = authorName(journal.settings, target.entry.author);
  const entry: Entry = {
    type: REPLY_TYPE,
    author: journal.me.name,
    date: isoWithOffset(when),
    tags: [],
    fields: {
      replies_to: target.file.id,
      replies_to_type: target.entry.type,
      ...(whose !== me ? { for: whose } : {}),
    },
    body: `## ${REPLY_HEADING}\n\n${text.replace(/\s+$/, '')}\n`,
  };
  await writeEntries(journal, [entry], { when, env: ctx.env });
}

async function replyText(ctx: CommandContext, words: string[], whose: string): Promise<string> {
  if (words.length > 0) return words.join(' ');
  if (!ctx.stdin.isTTY) return readStdin(ctx.stdin, { maxBytes: MAX_ENTRY_BYTES / 2, what: 'The reply on stdin' });
  if (!ctx.mayPrompt)
    throw new UsageError(
      'No reply given and prompting is off; nothing was saved.',
      'Pass it as an argument, e.g. intimacy reply last "thank you", or pipe it on stdin.',
    );
  return askText({
    message: `Your reply to ${whose}`,
    validate: (value) => (value.trim() === '' ? 'Write a few words, or press Ctrl-C to leave.' : undefined),
  });
}
