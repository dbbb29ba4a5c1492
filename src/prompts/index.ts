import { PromptCancelled } from '../errors.js';
/**
 * The only module that talks to @inquirer/prompts (loaded when a question is asked, so
 * commands that never prompt do not pay for it). Ctrl-C in any prompt becomes one
 * PromptCancelled. @inquirer/prompts does not export its own error classes, so they are
 * recognised here, at the library's edge, by their names.
 */
/** Where a prompt reads and writes; tests pass fake streams (@inquirer/testing). */
export interface PromptContext {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  clearPromptOnDone?: boolean;
  signal?: AbortSignal;
}

/** Lazy: most commands never ask a question. */
function inquirer(): Promise<typeof import('@inquirer/prompts')> {
  return import('@inquirer/prompts');
}

async function guard<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError'))
      throw new PromptCancelled();
    throw error;
  }
}

export interface TextQuestion {
  message: string;
  hint?: string;
  default?: string;
  /** returns an error message, or undefined when the answer is fine */
  validate?: (value: string) => string | undefined;
}

function withHint(message: string, hint?: string): string {
  return hint ? `${message} (${hint})` : message;
}

export async function askText(question: TextQuestion, context?: PromptContext): Promise<string> {
  const { input } = await inquirer();
  return guard(() =>
    input(
      {
        message: withHint(question.message, question.hint),
        default: question.default,
        validate: (value: string) => question.validate?.(value) ?? true,
      },
      context,
    ),
  );
}

export async function askConfirm(message: string, defaultValue = true, context?: PromptContext): Promise<boolean> {
  const { confirm } = await inquirer();
  return guard(() => confirm({ message, default: defaultValue }, context));
}

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

/** One of a list; digits jump to an item. */
export async function askSelect<T>(
  question: { message: string; hint?: string; choices: Choice<T>[]; default?: T },
  context?: PromptContext,
): Promise<T> {
  const { select } = await inquirer();
  return guard(() =>
    select<T>(
      {
        message: withHint(question.message, question.hint),
        choices: question.choices,
        default: question.default,
        pageSize: 12,
        loop: false,
      },
      context,
    ),
  );
}

/** Any number of a list (space toggles, enter confirms). */
export async function askCheckbox<T>(
  question: { message: string; hint?: string; choices: Choice<T>[]; checked?: T[]; required?: boolean },
  context?: PromptContext,
): Promise<T[]> {
  const { checkbox } = await inquirer();
  return guard(() =>
    checkbox<T>(
      {
        message: withHint(question.message, question.hint),
        choices: question.choices.map((c) => ({ ...c, checked: question.checked?.includes(c.value) ?? false })),
        required: question.required,
        pageSize: 12,
        loop: false,
      },
      context,
    ),
  );
}

/** A number within a range; empty is allowed (undefined) unless required. */
export async function askNumber(
  question: { message: string; hint?: string; min?: number; max?: number; default?: number; required?: boolean },
  context?: PromptContext,
): Promise<number | undefined> {
  const { number } = await inquirer();
  return guard(() =>
    number(
      {
        message: withHint(question.message, question.hint),
        min: question.min,
        max: question.max,
        default: question.default,
        required: question.required ?? false,
        step: 'any',
      },
      context,
    ),
  );
}

/**
 * Long text in $VISUAL/$EDITOR. The temp file is kept in `dir` (the journal's private
 * state folder) with mode 0600, never in a shared /tmp. It opens with the question and its
 * hint as comment lines, so the editor says what is being asked; those lines (exactly those:
 * an answer may well have Markdown "# headings") are taken out when it is saved, and the
 * answer is shown after the editor closes, so the screen keeps what was written.
 */
export async function askEditor(
  question: {
    message: string;
    hint?: string;
    default?: string;
    dir?: string;
    validate?: (value: string) => string | undefined;
  },
  context?: PromptContext,
): Promise<string> {
  const { editor } = await inquirer();
  const comments = [
    `# ${oneLine(question.message)}`,
    ...(question.hint ? [`# ${oneLine(question.hint)}`] : []),
    '# (These lines are left out of your answer. Save and close the editor when you are done.)',
  ];
  const strip = (text: string) =>
    text
      .split('\n')
      .filter((line) => !comments.includes(line.trimEnd()))
      .join('\n')
      .replace(/^\s*\n/, '');
  const answer = strip(
    await guard(() =>
      editor(
        {
          message: withHint(question.message, question.hint),
          default: `${comments.join('\n')}\n\n${question.default ?? ''}`,
          postfix: '.md',
          file: { dir: question.dir, mode: 0o600, prefix: 'answer-', postfix: '.md' },
          validate: (value: string) => question.validate?.(strip(value)) ?? true,
        },
        context,
      ),
    ),
  );
  const shown = answer.trim();
  if (shown !== '') {
    // The user's own words, but from a file: no control character reaches the terminal.
    const safe = shown.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
    const output = context?.output ?? process.stdout;
    if (!(output as { writableEnded?: boolean }).writableEnded) output.write(`${safe.replace(/^/gm, '  ')}\n`);
  }
  return answer;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** Asks for a secret without echoing it. */
export async function askSecret(
  message: string,
  validate?: (value: string) => string | undefined,
  context?: PromptContext,
): Promise<string> {
  const { password } = await inquirer();
  return guard(() => password({ message, validate: (value: string) => validate?.(value) ?? true }, context));
}
