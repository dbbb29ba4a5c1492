/**
 * The only module that talks to @inquirer/prompts. It is imported lazily, so commands that
 * never prompt do not pay for loading it. Ctrl-C in any prompt becomes one PromptCancelled.
 */
export class PromptCancelled extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'PromptCancelled';
  }
}

async function guard<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) throw new PromptCancelled();
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

export async function askText(question: TextQuestion): Promise<string> {
  const { input } = await import('@inquirer/prompts');
  return guard(() =>
    input({
      message: question.hint ? `${question.message} (${question.hint})` : question.message,
      default: question.default,
      validate: (value: string) => question.validate?.(value) ?? true,
    }),
  );
}

export async function askConfirm(message: string, defaultValue = true): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return guard(() => confirm({ message, default: defaultValue }));
}

/** Asks for a secret without echoing it. */
export async function askSecret(message: string, validate?: (value: string) => string | undefined): Promise<string> {
  const { password } = await import('@inquirer/prompts');
  return guard(() => password({ message, validate: (value: string) => validate?.(value) ?? true }));
}

export interface Choice<T extends string> {
  value: T;
  name: string;
  description?: string;
}

export async function askChoice<T extends string>(message: string, choices: Array<Choice<T>>): Promise<T> {
  const { select } = await import('@inquirer/prompts');
  return guard(() => select<T>({ message, choices }));
}
