import path from 'node:path';
import { FileProblem, refuseInvalid, UsageError, UserError } from '../errors.js';
import { isJournal, type Journal } from '../journal/journal.js';
import { partnerOf } from '../journal/partners.js';
import { validateTags } from '../journal/tags.js';
import { noun } from '../plural.js';
import { readStdin } from '../prompts/stdin.js';
import { shownShellWord } from '../shell-word.js';
import { type People, partnerNamed } from '../store/authors.js';
import type { Entry } from '../store/entry.js';
import { FILE_LIMITS, readGivenFile } from '../store/safe-file.js';
import { type Answers, type RunContext, resolveAnswers, type WrongAnswer } from '../templates/answers.js';
import { parseAnswersText } from '../templates/answers-file.js';
import { type LoadedTemplate, loadTemplates } from '../templates/load.js';
import { describeProblem } from '../templates/schema.js';
import { commandToRun } from '../ui/rerun.js';
import { attachmentsOf } from './attach.js';
import type { CommandContext } from './context.js';
import { interactiveRun } from './interactive-run.js';
import { lookBackFor } from './look-back.js';
import { openForWriting } from './open-for-writing.js';
import { entriesOf, type Turn } from './turns.js';
import { writeEntries } from './write-entry.js';

/*
 * The one runner behind `checkin`, `repair`, `date` and `new NAME`: find the template, gather
 * answers (from --answers, or the prompts at a terminal), then write one entry per author.
 */

export interface TemplateRunOptions {
  together?: boolean;
  private?: boolean;
  answers?: string;
  /** --tag, each time it is given (none: undefined) */
  tag?: string[];
  /** files to keep with the entry (--attach) */
  attach?: string[];
}

export async function findTemplate(journalDir: string, name: string): Promise<LoadedTemplate> {
  const set = await loadTemplates(journalDir, undefined, name);
  const problems = set.broken.get(name);
  if (problems) {
    throw new UserError(
      `The ${name} template is broken:\n  ${problems.map(describeProblem).join('\n  ')}\nFix the file; the other templates still work.`,
    );
  }
  const found = set.templates.get(name);
  if (!found) {
    throw new UsageError(
      `There is no template called "${name}".`,
      `Choose one of: ${[...set.templates.keys()].join(', ')} (intimacy templates lists them).`,
    );
  }
  return found;
}

/** Runs the template `name`: answers from --answers or the prompts, then one entry per author. */
export async function runTemplate(ctx: CommandContext, name: string, options: TemplateRunOptions): Promise<void> {
  const rerun = commandToRun(name, options.together);
  refuseInvalid(validateTags(options.tag ?? []), 'For example: --tag weekly');
  if (options.private && options.together)
    throw new UsageError(
      "--private and --together do not go together: a private entry is one person's.",
      'Drop one of them.',
    );
  const { template } = await findTemplate(ctx.dir, name);
  // Before any question: a file that cannot be attached must not cost the answers.
  const attachments = attachmentsOf(ctx, options.attach);

  // From a file (or with prompting off), nothing is written before the answers are known to be
  // good, not even a new journal. At a terminal the journal is made before the first question:
  // the draft kept after every answer lives in it.
  const existing = (await isJournal(ctx.dir)) ? (await openForWriting(ctx)).journal : undefined;
  const authorsOf = (journal: Journal | undefined): string[] => {
    if (!options.together) return [journal?.me.name ?? ctx.meFlag ?? 'me'];
    const partner = journal ? partnerOf(journal) : undefined;
    if (!journal || !partner) {
      throw new UsageError(
        '--together needs both partners named in the journal settings.',
        'List the two of you under "partners:" in intimacy.yaml, e.g. intimacy init --partner NAME when creating it.',
      );
    }
    return [journal.me.name, partner];
  };

  let turns: Turn[] | undefined;
  const fromFile = options.answers !== undefined;
  let prefilled: Answers[] | undefined;
  if (fromFile || !ctx.mayPrompt) {
    const authors = authorsOf(existing);
    const contexts = await Promise.all(authors.map((author) => lookBackFor(existing, template, author, ctx.now())));
    const raw = fromFile ? await readAnswersSource(ctx, options.answers ?? '-') : {};
    // At a terminal, an answers file may leave questions open: they are asked next.
    const people = { partners: authors, aliases: existing?.settings.aliases ?? {} };
    const resolved = await resolveAll(template, people, contexts, raw, options, rerun, fromFile && ctx.mayPrompt);
    if (resolved.complete) turns = resolved.turns;
    else prefilled = resolved.turns.map((turn) => turn.answers);
  }
  if (turns) {
    const journal = existing ?? (await openForWriting(ctx)).journal;
    // A journal created just now has a name for "me" that the answers could not know yet.
    if (!existing && !options.together && turns[0]) turns[0].author = journal.me.name;
    const when = ctx.now();
    await write(journal, entriesOf(template, turns, options.tag ?? [], when), when);
    return;
  }
  const journal = existing ?? (await openForWriting(ctx)).journal;
  const authors = authorsOf(journal);
  const contexts = await Promise.all(authors.map((author) => lookBackFor(journal, template, author, ctx.now())));
  const run = await interactiveRun({
    journal,
    template,
    authors,
    contexts,
    prefilled,
    tags: options.tag ?? [],
    rerun,
    env: ctx.env,
    now: ctx.now,
    attachments,
  });
  if (run) await write(journal, run.entries, run.when, run.attachments);

  function write(journal: Journal, entries: Entry[], when: Date, kept = attachments): Promise<void> {
    return writeEntries(journal, entries, { when, private: options.private, env: ctx.env, attachments: kept });
  }
}

type TemplateOf = LoadedTemplate['template'];

async function readAnswersSource(ctx: CommandContext, source: string): Promise<unknown> {
  const shownAs = source === '-' ? 'The answers on stdin' : source;
  let text: string;
  if (source === '-') {
    text = await readStdin(ctx.stdin, { maxBytes: FILE_LIMITS.answers, what: shownAs });
  } else {
    try {
      text = await readGivenFile(path.resolve(ctx.cwd, source), FILE_LIMITS.answers, source);
    } catch (error) {
      if (error instanceof FileProblem) throw new UsageError(`${source}: ${error.reason}.`, 'Nothing was saved.');
      throw new UsageError(
        `Cannot read the answers file ${source} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`,
        'Pass a YAML or JSON file, or - to read stdin.',
      );
    }
  }
  const parsed = parseAnswersText(text);
  if (!parsed.ok) throw new UsageError(`${shownAs}: ${parsed.problem}.`, 'Nothing was saved.');
  return parsed.data;
}

async function resolveAll(
  template: TemplateOf,
  people: People,
  contexts: RunContext[],
  raw: unknown,
  options: TemplateRunOptions,
  rerun: string,
  allowMissing: boolean,
): Promise<{ turns: Turn[]; complete: boolean }> {
  const lines: string[] = [];
  const turns: Turn[] = [];
  let complete = true;
  const authors = people.partners;
  // With --together the answers are grouped by partner, named in any case ("jordan:" is Jordan's).
  const byAuthor: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((raw ?? {}) as Record<string, unknown>))
    byAuthor[options.together ? (partnerNamed(people, key) ?? key) : key] = value;
  if (options.together) {
    const unknown = Object.keys(byAuthor).filter((key) => !authors.includes(key));
    if (unknown.length > 0)
      lines.push(
        `${unknown.map((k) => `"${k}"`).join(', ')}: with --together the answers are grouped by partner (${authors.join(', ')})`,
      );
  }
  for (const [i, author] of authors.entries()) {
    const given = options.together ? (byAuthor[author] ?? {}) : raw;
    const result = resolveAnswers(template, given, contexts[i] ?? { previousCommitments: [] });
    const who = options.together ? `${author}: ` : '';
    turns.push({ author, ctx: contexts[i] ?? { previousCommitments: [] }, answers: result.answers });
    if (!result.ok) {
      if (result.missing.length > 0) complete = false;
      if (result.missing.length > 0 && !allowMissing)
        lines.push(`${who}missing required ${noun(result.missing.length, 'answer')}: ${result.missing.join(', ')}`);
      for (const wrong of result.wrong) lines.push(`${who}${describeWrong(wrong)}`);
    }
  }
  if (lines.length > 0) {
    const why = options.answers === undefined ? ' (prompting is off)' : '';
    const help = `Every id and what it accepts: intimacy templates show ${shownShellWord(template.name)} --json${options.answers === undefined ? `; pass answers with ${rerun} --answers FILE` : ''}.`;
    throw new UsageError(
      `The answers do not fit the ${template.name} template${why}; nothing was saved:\n  ${lines.join('\n  ')}\n${help}`,
    );
  }
  return { turns, complete };
}

function describeWrong(wrong: WrongAnswer): string {
  return `${wrong.id}: ${wrong.problem}`;
}
