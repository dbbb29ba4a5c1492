import path from 'node:path';
import { PromptCancelled } from '../errors.js';
import type { Journal } from '../journal/journal.js';
import { plural } from '../plural.js';
import { askSelect } from '../prompts/index.js';
import { askQuestion } from '../prompts/questions.js';
import type { Attachment } from '../store/attachments.js';
import {
  answeredIn,
  type Draft,
  type DraftAnswer,
  discardDraft,
  draftsFolder,
  readDraft,
  writeDraft,
} from '../store/drafts.js';
import type { Entry } from '../store/entry.js';
import { sizeText } from '../store/safe-file.js';
import { type Answers, type AnswerValue, isAsked, type RunContext } from '../templates/answers.js';
import type { Question, Template } from '../templates/schema.js';
import { terminalIsUtf8 } from '../ui/charts.js';
import { localTime } from '../ui/entry-view.js';
import { err, info } from '../ui/output.js';
import { describeEntry } from '../ui/render/describe.js';
import { safeText } from '../ui/render/safe.js';
import { entryLines } from '../ui/render/terminal.js';
import { typeLabel } from '../ui/words.js';
import { entriesOf, type Turn } from './turns.js';

/*
 * The interactive half of running a template (run-template.ts): resume or discard a draft, ask
 * each question (each author in turn with --together), keep the draft after every answer, then
 * preview and save, change an answer, or stop. Returns the entries previewed, to be saved as
 * they are, or undefined when the user stops.
 */

export interface InteractiveInput {
  journal: Journal;
  template: Template;
  authors: string[];
  contexts: RunContext[];
  /** answers already given (an --answers file at a terminal), per author; the rest is asked */
  prefilled?: Answers[];
  tags: string[];
  /** the command that resumes this run, e.g. "intimacy checkin" */
  rerun: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** the files given with --attach, kept with the (first) entry: listed in the preview, and each can be left out */
  attachments?: Attachment[];
}

/** What the user chose to save: the entries, when, and the files still to keep with them. */
export interface InteractiveRunResult {
  entries: Entry[];
  when: Date;
  attachments: Attachment[];
}

/** Stored answers: null marks a question that was asked and left blank. */
type Stored = Record<string, DraftAnswer>;

function answersOf(stored: Stored): Answers {
  const answers: Answers = {};
  for (const [id, value] of Object.entries(stored)) if (value !== null && value !== undefined) answers[id] = value;
  return answers;
}

export async function interactiveRun(input: InteractiveInput): Promise<InteractiveRunResult | undefined> {
  const { journal, template, authors } = input;
  let attachments = input.attachments ?? [];
  const together = authors.length > 1;
  const draftDir = await draftsFolder(journal.dir);
  const stored: Record<string, Stored> = Object.fromEntries(
    authors.map((a, i) => [a, { ...(input.prefilled?.[i] ?? {}) }]),
  );
  // A question answered in parts and not finished (a review of two promises, stopped at the second).
  let partial: Record<string, Record<string, string[]>> = {};
  let started = input.now().toISOString();
  let resumed = false;

  info(err().bold(template.title));
  const save = async (): Promise<void> => {
    const next: Draft = {
      template: template.name,
      authors,
      answers: stored,
      ...(Object.values(partial).some((parts) => Object.keys(parts).length > 0) ? { partial } : {}),
      started,
      updated: input.now().toISOString(),
    };
    await writeDraft(journal.dir, next);
  };
  const ask = async (author: string, question: Question, ctx: RunContext): Promise<void> => {
    const answers = stored[author] ?? {};
    const value = await askQuestion(question, {
      prefix: together ? `[${author}] ` : '',
      previous: answers[question.id] ?? undefined,
      ctx,
      env: input.env,
      editorDir: draftDir,
      partsSoFar: partial[author]?.[question.id],
      onPart: async (parts) => {
        partial[author] = { ...partial[author], [question.id]: [...parts] };
        await save();
      },
    });
    answers[question.id] = value ?? null;
    stored[author] = answers;
    if (partial[author]) delete partial[author][question.id];
    await save();
  };
  /** Asks every question that applies and has not been asked yet (all of them on a fresh run). */
  const askRemaining = async (): Promise<void> => {
    for (const [i, author] of authors.entries()) {
      const ctx = input.contexts[i] ?? { previousCommitments: [] };
      const pending = () =>
        template.questions.find(
          (q) => !(q.id in (stored[author] ?? {})) && isAsked(q, answersOf(stored[author] ?? {}), ctx),
        );
      if (together && pending()) info(err().bold(`\n— ${author}'s turn —`));
      for (let question = pending(); question; question = pending()) await ask(author, question, ctx);
    }
  };

  const draft = await readDraft(journal.dir, template.name, authors);
  try {
    if (draft) {
      const count = answeredIn(draft);
      const choice = await askSelect({
        message: `You have an unfinished ${template.name} from ${localTime({ date: draft.updated })} (${plural(count, 'answer')}).`,
        choices: [
          { name: 'Resume where you left off', value: 'resume' as const },
          { name: 'Discard it and start over', value: 'discard' as const },
        ],
      });
      if (choice === 'resume') {
        for (const [i, author] of authors.entries())
          stored[author] = {
            ...(draft.answers[author] ?? {}),
            ...(input.prefilled?.[i] ?? {}),
          };
        partial = structuredClone(draft.partial ?? {});
        started = draft.started;
        resumed = true;
      } else await discardDraft(journal.dir, template.name, authors);
    }
    if (template.intro && !resumed) info(template.intro.trimEnd() + '\n');
    await askRemaining();
    for (;;) {
      const turns = authors.map((author, i) => ({
        author,
        ctx: input.contexts[i] ?? { previousCommitments: [] },
        answers: answersOf(stored[author] ?? {}),
      }));
      const when = input.now();
      const entries = entriesOf(template, turns, input.tags, when);
      preview(template, turns, entries, attachments, input.env);
      const next = await askSelect({
        message: together ? 'Save both entries?' : 'Save this entry?',
        choices: [
          { name: 'Save', value: 'save' as const },
          { name: 'Go back and change an answer', value: 'change' as const },
          ...(attachments.length > 0 ? [{ name: 'Leave out an attached file', value: 'detach' as const }] : []),
          { name: 'Stop for now (keep the draft)', value: 'stop' as const },
          { name: 'Throw it away', value: 'discard' as const },
        ],
      });
      if (next === 'save') {
        await discardDraft(journal.dir, template.name, authors);
        return { entries, when, attachments };
      }
      if (next === 'detach') {
        attachments = await leaveOut(attachments);
        continue;
      }
      if (next === 'stop') {
        info(`Kept as a draft; run ${input.rerun} to finish it.`);
        return undefined;
      }
      if (next === 'discard') {
        await discardDraft(journal.dir, template.name, authors);
        info('Thrown away; nothing was saved.');
        return undefined;
      }
      await changeOne(turns);
      await askRemaining();
    }
  } catch (error) {
    if (error instanceof PromptCancelled && (await readDraft(journal.dir, template.name, authors))) {
      throw new PromptCancelled(`Stopped. Your answers so far are kept as a draft; run ${input.rerun} to resume.`);
    }
    throw error;
  }

  async function changeOne(turns: Turn[]): Promise<void> {
    const author = together
      ? await askSelect({ message: 'Whose answer?', choices: authors.map((a) => ({ name: a, value: a })) })
      : (authors[0] ?? '');
    const turn = turns.find((t) => t.author === author);
    if (!turn) return;
    const askedQuestions = template.questions.filter(
      (q) => q.id in (stored[author] ?? {}) && isAsked(q, turn.answers, turn.ctx),
    );
    const question = await askSelect({
      message: 'Which answer?',
      choices: askedQuestions.map((q) => ({ name: `${q.message} — ${shortAnswer(stored[author]?.[q.id])}`, value: q })),
    });
    await ask(author, question, turn.ctx);
  }
}

function shortAnswer(value: AnswerValue | null | undefined): string {
  if (value === null || value === undefined) return '(blank)';
  const text = Array.isArray(value)
    ? value.join(', ')
    : typeof value === 'boolean'
      ? value
        ? 'yes'
        : 'no'
      : String(value);
  return text.length > 40 ? text.slice(0, 39) + '…' : text.replace(/\s+/g, ' ');
}

/** Shows the entry as `show` will, and the files kept with it, so "Save" holds no surprise. */
function preview(
  template: Template,
  turns: Turn[],
  entries: Entry[],
  attachments: Attachment[],
  env: NodeJS.ProcessEnv,
): void {
  const render = { templates: new Map([[template.name, template]]) };
  for (const [i, entry] of entries.entries()) {
    info(err().dim(`\n──── preview: ${turns[i]?.author}'s ${typeLabel(template.type)} ────`));
    for (const line of entryLines(err(), describeEntry(entry, '', render), { ascii: !terminalIsUtf8(env) })) info(line);
    // They go with the first entry (the one written by whoever runs the command).
    if (i === 0 && attachments.length > 0) {
      info(`\n${err().bold('Attached')}`);
      for (const file of attachments) info(`  ${attachedLine(file)}`);
    }
  }
  info(err().dim('────'));
}

/** "picnic.jpg (3 MiB, location taken out)": the name as the user gave it, never raw controls. */
function attachedLine(file: Attachment): string {
  const notes = [sizeText(file.bytes.length), ...(file.removed.length > 0 ? ['location taken out'] : [])];
  return `${safeText(path.basename(file.given))} (${notes.join(', ')})`;
}

/** Asks which attached file to leave out (the file itself stays where it is); the rest is kept. */
async function leaveOut(attachments: Attachment[]): Promise<Attachment[]> {
  const gone = await askSelect({
    message: 'Which file should not be kept with the entry?',
    choices: [
      ...attachments.map((file, i) => ({ name: attachedLine(file), value: i })),
      { name: 'None: keep them all', value: -1 },
    ],
  });
  if (gone >= 0) info(`Left out ${safeText(path.basename(attachments[gone]?.given ?? ''))}; your file is unchanged.`);
  return attachments.filter((_, i) => i !== gone);
}
