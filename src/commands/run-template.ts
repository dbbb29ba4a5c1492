import type { Command } from 'commander';
import { UsageError, UserError } from '../errors.js';
import type { Journal } from '../journal/journal.js';
import type { Answers, RunContext, WrongAnswer } from '../templates/answers.js';
import type { LoadedTemplate } from '../templates/load.js';
import { type CommandContext, collect, commandContext, examples } from './context.js';

/**
 * The one runner behind `checkin`, `repair`, `date` and `new NAME`: find the template,
 * gather answers (from --answers or the prompts), then save one entry per author.
 */
export interface RunOptions {
  together?: boolean;
  private?: boolean;
  answers?: string;
  tag: string[];
}

/** The options every template command takes. */
export function withRunOptions(command: Command, exampleLines: string[]): Command {
  return command
    .option('--together', 'both partners answer in turn at this terminal; two entries, one commit')
    .option('-a, --answers <file>', 'answers as YAML or JSON (question id → answer); "-" reads stdin')
    .option('-t, --tag <tag>', 'tag the entry (repeatable)', collect, [])
    .option('--private', 'keep the entry on this computer only: never committed or shared')
    .addHelpText('after', examples(exampleLines));
}

/** A person's answers waiting to become an entry. */
export interface Turn {
  author: string;
  ctx: RunContext;
  answers: Answers;
}

export async function findTemplate(journalDir: string, name: string): Promise<LoadedTemplate> {
  const [{ loadTemplates }, { describeProblem }] = await Promise.all([
    import('../templates/load.js'),
    import('../templates/schema.js'),
  ]);
  const set = await loadTemplates(journalDir);
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

export async function runTemplate(name: string, options: RunOptions, command: Command): Promise<void> {
  const ctx = await commandContext(command);
  const { commandToRun } = await import('./rerun.js');
  const rerun = commandToRun(name, options.together);
  const [{ validateTags }, { partnerOf }] = await Promise.all([
    import('../journal/tags.js'),
    import('../journal/partners.js'),
  ]);
  const tagProblem = validateTags(options.tag);
  if (tagProblem) throw new UsageError(tagProblem, 'For example: --tag weekly');
  if (options.private && options.together)
    throw new UsageError(
      "--private and --together do not go together: a private entry is one person's.",
      'Drop one of them.',
    );
  const { template } = await findTemplate(ctx.dir, name);
  const { isJournal, openJournal, openOrCreateJournal } = await import('../journal/journal.js');
  const { runContextFor } = await import('../templates/previous.js');

  // Nothing is written before the answers are known to be good, not even a new journal.
  const existing = (await isJournal(ctx.dir)) ? await openJournal(ctx) : undefined;
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
  let journal: Journal;
  const fromFile = options.answers !== undefined;
  let prefilled: Answers[] | undefined;
  if (fromFile || !ctx.mayPrompt) {
    const authors = authorsOf(existing);
    const contexts = await Promise.all(authors.map((author) => runContextFor(existing?.dir, template, author)));
    const raw = fromFile ? await readAnswersSource(options.answers ?? '-') : {};
    // At a terminal, an answers file may leave questions open: they are asked next.
    const resolved = await resolveAll(template, authors, contexts, raw, options, rerun, fromFile && ctx.mayPrompt);
    if (resolved.complete) turns = resolved.turns;
    else prefilled = resolved.turns.map((turn) => turn.answers);
  }
  if (turns) {
    journal = existing ?? (await openOrCreateJournal(ctx)).journal;
    // A journal created just now has a name for "me" that the answers could not know yet.
    if (!existing && !options.together && turns[0]) turns[0].author = journal.me.name;
  } else {
    journal = existing ?? (await openOrCreateJournal(ctx)).journal;
    const authors = authorsOf(journal);
    const contexts = await Promise.all(authors.map((author) => runContextFor(journal.dir, template, author)));
    const { interactiveRun } = await import('./interactive-run.js');
    const result = await interactiveRun({
      journal,
      template,
      authors,
      contexts,
      prefilled,
      tags: options.tag,
      rerun,
      env: ctx.env,
      now: ctx.now,
    });
    if (!result) return;
    turns = result;
  }
  await saveTurns(journal, template, turns, options.tag, ctx, existing === undefined, options.private === true);
}

type TemplateOf = LoadedTemplate['template'];

async function readAnswersSource(source: string): Promise<unknown> {
  const [{ parseAnswersText }, { promises: fs }] = await Promise.all([
    import('../templates/answers-file.js'),
    import('node:fs'),
  ]);
  let text: string;
  if (source === '-') {
    const { readStdin } = await import('../prompts/stdin.js');
    text = await readStdin();
  } else {
    try {
      text = await fs.readFile(source, 'utf8');
    } catch (error) {
      throw new UsageError(
        `Cannot read the answers file ${source} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`,
        'Pass a YAML or JSON file, or - to read stdin.',
      );
    }
  }
  const parsed = parseAnswersText(text);
  if (!parsed.ok)
    throw new UsageError(
      `${source === '-' ? 'The answers on stdin' : source}: ${parsed.problem}.`,
      'Nothing was saved.',
    );
  return parsed.data;
}

async function resolveAll(
  template: TemplateOf,
  authors: string[],
  contexts: RunContext[],
  raw: unknown,
  options: RunOptions,
  rerun: string,
  allowMissing: boolean,
): Promise<{ turns: Turn[]; complete: boolean }> {
  const { resolveAnswers } = await import('../templates/answers.js');
  const lines: string[] = [];
  const turns: Turn[] = [];
  let complete = true;
  const byAuthor = raw as Record<string, unknown>;
  if (options.together) {
    const unknown = Object.keys(byAuthor).filter((key) => !authors.includes(key));
    if (unknown.length > 0)
      lines.push(
        `${unknown.map((k) => `"${k}"`).join(', ')}: with --together the answers are grouped by partner (${authors.join(', ')})`,
      );
  }
  authors.forEach((author, i) => {
    const given = options.together ? (byAuthor[author] ?? {}) : raw;
    const result = resolveAnswers(template, given, contexts[i] ?? { previousCommitments: [] });
    const who = options.together ? `${author}: ` : '';
    turns.push({ author, ctx: contexts[i] ?? { previousCommitments: [] }, answers: result.answers });
    if (!result.ok) {
      if (result.missing.length > 0) complete = false;
      if (result.missing.length > 0 && !allowMissing)
        lines.push(`${who}missing required answer(s): ${result.missing.join(', ')}`);
      for (const wrong of result.wrong) lines.push(`${who}${describeWrong(wrong)}`);
    }
  });
  if (lines.length > 0) {
    const why = options.answers === undefined ? ' (prompting is off)' : '';
    const help = `Every id and what it accepts: intimacy templates show ${template.name} --json${options.answers === undefined ? `; pass answers with ${rerun} --answers FILE` : ''}.`;
    throw new UsageError(
      `The answers do not fit the ${template.name} template${why}; nothing was saved:\n  ${lines.join('\n  ')}\n${help}`,
    );
  }
  return { turns, complete };
}

function describeWrong(wrong: WrongAnswer): string {
  return `${wrong.id}: ${wrong.problem}`;
}

async function saveTurns(
  journal: Journal,
  template: TemplateOf,
  turns: Turn[],
  tags: string[],
  ctx: CommandContext,
  created: boolean,
  keepPrivate: boolean,
): Promise<void> {
  const [{ answersToEntry }, { isoWithOffset }, { saveEntry, saveEntries }, { autosyncAfterSave, reportSaved }] =
    await Promise.all([
      import('../templates/answers.js'),
      import('../store/entry-date.js'),
      import('../store/save.js'),
      import('./report.js'),
    ]);
  const when = ctx.now();
  const entries = turns.map((turn) =>
    answersToEntry(template, turn.answers, { author: turn.author, date: isoWithOffset(when), tags, ctx: turn.ctx }),
  );
  const createdAt = created ? ctx.dir : undefined;
  if (keepPrivate && entries[0]) {
    const { savePrivateEntry } = await import('../store/private.js');
    reportSaved(await savePrivateEntry(journal, entries[0], when), template.type, createdAt);
    return;
  }
  if (entries.length === 1 && entries[0]) {
    reportSaved(await saveEntry(journal, entries[0], when), template.type, createdAt);
  } else {
    const names = turns.map((t) => t.author).join(' and ');
    const saved = await saveEntries(journal, entries, when, `${names} wrote ${template.type} entries together`);
    for (const [i, one] of saved.entries()) reportSaved(one, template.type, i === 0 ? createdAt : undefined);
  }
  await autosyncAfterSave(journal);
}
