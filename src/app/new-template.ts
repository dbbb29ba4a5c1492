import path from 'node:path';
import { UsageError, UserError } from '../errors.js';
import { commitOrKeep } from '../store/commit.js';
import { ensureJournalDir, lexists, writeJournalFile } from '../store/files.js';
import { TEMPLATES_DIR } from '../store/layout.js';
import { renamedTemplateText } from '../templates/answers-file.js';
import { builtinTemplateText } from '../templates/load.js';
import { NAME_PATTERN } from '../templates/schema.js';
import type { CommandContext } from './context.js';
import { openForWriting } from './open-for-writing.js';

/**
 * `templates new NAME [--from BUILTIN]`: the journal's own template, to edit. It starts as a
 * copy of the built-in of that name (or of --from), else as a short example, and is committed,
 * so the partner gets it too. Returns where it is, and git's reason if it is not committed.
 */
export async function newTemplate(
  ctx: CommandContext,
  name: string,
  from?: string,
): Promise<{ file: string; commitProblem?: string }> {
  if (!NAME_PATTERN.test(name))
    throw new UsageError(
      `"${name}" is not a template name.`,
      'Use lower-case letters, digits and _, starting with a letter, e.g. our_budget.',
    );
  const source = from ?? name;
  let text = await builtinTemplateText(source);
  if (from !== undefined && text === undefined) {
    throw new UsageError(`There is no built-in template called "${from}".`, 'intimacy templates lists them.');
  }
  if (text === undefined) text = skeleton(name);
  else if (source !== name) text = renamedTemplateText(text, name);
  const { journal } = await openForWriting(ctx);
  const relPath = `${TEMPLATES_DIR}/${name}.yaml`;
  const file = path.join(await ensureJournalDir(journal.dir, TEMPLATES_DIR), `${name}.yaml`);
  if (await lexists(file))
    throw new UserError(`${relPath} already exists in the journal.`, `Edit it directly: ${file}`);
  await writeJournalFile(journal.dir, relPath, text);
  const { commitProblem } = await commitOrKeep(journal, [relPath], `${journal.me.name} added the ${name} template`);
  return { file, commitProblem };
}

function skeleton(name: string): string {
  return `# Your own template. Question types: text, long, number, rating, choice, multi, yesno, feelings.
# Each question: id, type, message; optional: hint, heading, required, default, choices,
# min/max (number, rating), when: { question: ID, equals: VALUE } (ask only when an earlier answer matches).
name: ${name}
title: ${name.replace(/_/g, ' ')}
description: What this entry is for, in one line.
questions:
  - id: how_was_it
    type: rating
    message: How was it?
    min: 1
    max: 5
  - id: notes
    type: long
    message: What would you like to remember?
    heading: Notes
    required: true
`;
}
