import { refuseInvalid, UsageError } from '../errors.js';
import { validateTags } from '../journal/tags.js';
import { NO_PREVIOUS, resolveAnswers } from '../templates/answers.js';
import { attachmentsOf } from './attach.js';
import type { CommandContext } from './context.js';
import { openForWriting } from './open-for-writing.js';
import { findTemplate, runTemplate } from './run-template.js';
import { entriesOf } from './turns.js';
import { writeEntries } from './write-entry.js';

/** The daily pulse is the `pulse` template's entry: one rating, and a word about it if given. */
export const PULSE_TEMPLATE = 'pulse';

export interface PulseInput {
  /** the number as typed (undefined: ask at a terminal) */
  value?: string;
  /** the note, word by word */
  words: string[];
  tags: string[];
  private?: boolean;
  /** files to keep with it (--attach) */
  attach?: string[];
}

/** Checks the number before anything is written: 1 to 5, whole. */
export function pulseValue(text: string): number {
  const value = Number(text.trim());
  if (!/^\s*\d+\s*$/.test(text) || value < 1 || value > 5)
    throw new UsageError(
      `The pulse is a whole number from 1 to 5, not "${text}".`,
      'For example: intimacy pulse 4 "tired but close" (1 = a hard day for us, 5 = wonderful).',
    );
  return value;
}

export async function writePulse(ctx: CommandContext, input: PulseInput): Promise<void> {
  refuseInvalid(validateTags(input.tags), 'For example: --tag weekend');
  if (input.value === undefined) {
    if (!ctx.mayPrompt)
      throw new UsageError(
        'How are you today? The pulse needs a number and prompting is off.',
        'For example: intimacy pulse 4 "tired but close".',
      );
    // At a terminal the template asks its own questions, as `intimacy new pulse` does.
    await runTemplate(ctx, PULSE_TEMPLATE, { tag: input.tags, private: input.private, attach: input.attach });
    return;
  }
  const value = pulseValue(input.value);
  const attachments = attachmentsOf(ctx, input.attach);
  const { template } = await findTemplate(ctx.dir, PULSE_TEMPLATE);
  const note = input.words.join(' ').trim();
  const resolved = resolveAnswers(template, { pulse: value, ...(note ? { note } : {}) }, NO_PREVIOUS);
  if (!resolved.ok) {
    const problems = [
      ...resolved.missing.map((id) => `${id}: missing`),
      ...resolved.wrong.map((w) => `${w.id}: ${w.problem}`),
    ];
    throw new UsageError(
      `The pulse template does not take these answers (${problems.join('; ')}); nothing was saved.`,
      'See its questions with intimacy templates show pulse.',
    );
  }
  const { journal } = await openForWriting(ctx);
  const when = ctx.now();
  const [entry] = entriesOf(
    template,
    [{ author: journal.me.name, ctx: NO_PREVIOUS, answers: resolved.answers }],
    input.tags,
    when,
  );
  await writeEntries(journal, entry ? [entry] : [], { when, private: input.private, env: ctx.env, attachments });
}
