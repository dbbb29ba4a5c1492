import { type AnswerValue, checkAnswer, type RunContext } from '../templates/answers.js';
import { type Question, REVIEW_OUTCOMES } from '../templates/schema.js';
import {
  askCheckbox,
  askConfirm,
  askEditor,
  askNumber,
  askSelect,
  askText,
  type Choice,
  type PromptContext,
} from './index.js';

/**
 * Asks one template question with the prompt that fits its type. Validation is the same
 * pure check `--answers` uses, so both paths accept exactly the same values.
 */
export interface AskOptions {
  /** e.g. "[Alex] " during --together */
  prefix?: string;
  /** the answer from a draft or an earlier pass, offered as the default */
  previous?: AnswerValue;
  ctx: RunContext;
  env?: NodeJS.ProcessEnv;
  /** where the editor's temp file goes (private) */
  editorDir?: string;
  context?: PromptContext;
  /** the parts of a question in parts (a review: one outcome per promise) answered before a stop */
  partsSoFar?: string[];
  /** called after each part, so a stop at the next loses none of them */
  onPart?: (parts: string[]) => Promise<void>;
}

const SKIP = Symbol('skip');

function problemOf(question: Question, value: unknown, ctx: RunContext): string | undefined {
  const checked = checkAnswer(question, value, ctx);
  if (!checked.ok) return checked.problem;
  if (checked.value === undefined && question.required)
    return 'This one needs an answer (or press Ctrl-C to stop; your answers so far are kept).';
  return undefined;
}

export function wantsEditor(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.VISUAL || env.EDITOR);
}

export async function askQuestion(question: Question, options: AskOptions): Promise<AnswerValue | undefined> {
  const message = (options.prefix ?? '') + question.message;
  const hint = question.hint;
  const previous = options.previous ?? question.default;
  const { ctx, context } = options;
  const optional = question.required ? '' : ' · optional';
  switch (question.type) {
    case 'text':
    case 'long': {
      const validate = (value: string) => problemOf(question, value, ctx);
      const fallback = typeof previous === 'string' ? previous : undefined;
      const text =
        question.type === 'long' && wantsEditor(options.env ?? process.env)
          ? await askEditor(
              { message: message + optional, hint, default: fallback, dir: options.editorDir, validate },
              context,
            )
          : await askText({ message: message + optional, hint, default: fallback, validate }, context);
      const checked = checkAnswer(question, text, ctx);
      return checked.ok ? checked.value : undefined;
    }
    case 'number': {
      const value = await askNumber(
        {
          message: message + optional,
          hint,
          min: question.min,
          max: question.max,
          default: typeof previous === 'number' ? previous : undefined,
          required: question.required,
        },
        context,
      );
      return value;
    }
    case 'rating': {
      const choices: Choice<number | typeof SKIP>[] = [];
      for (let n = question.min ?? 1; n <= (question.max ?? 5); n++) choices.push({ name: String(n), value: n });
      if (!question.required) choices.push({ name: 'skip', value: SKIP });
      const answer = await askSelect(
        {
          message: `${message} (${question.min}–${question.max})`,
          hint,
          choices,
          default: typeof previous === 'number' ? previous : undefined,
        },
        context,
      );
      return answer === SKIP ? undefined : answer;
    }
    case 'choice': {
      const choices: Choice<string | typeof SKIP>[] = (question.choices ?? []).map((c) => ({ name: c, value: c }));
      if (!question.required) choices.push({ name: 'skip', value: SKIP });
      const answer = await askSelect(
        { message, hint, choices, default: typeof previous === 'string' ? previous : undefined },
        context,
      );
      return answer === SKIP ? undefined : answer;
    }
    case 'multi':
    case 'feelings': {
      const picked = await askCheckbox(
        {
          message: message + optional,
          hint,
          choices: (question.choices ?? []).map((c) => ({ name: c, value: c })),
          checked: Array.isArray(previous) ? previous : [],
          required: question.required,
        },
        context,
      );
      return picked.length === 0 ? undefined : picked;
    }
    case 'yesno':
      return askConfirm(
        message + (hint ? ` (${hint})` : ''),
        typeof previous === 'boolean' ? previous : false,
        context,
      );
    case 'review': {
      const commitments = ctx.previousCommitments;
      const outcomes = (options.partsSoFar ?? []).slice(0, commitments.length);
      for (const [i, commitment] of commitments.entries()) {
        if (i < outcomes.length) continue;
        const earlier = Array.isArray(previous) ? previous[i] : undefined;
        outcomes.push(
          await askSelect(
            {
              message: `${message}\n  “${commitment}”`,
              hint,
              choices: REVIEW_OUTCOMES.map((o) => ({ name: o, value: o })),
              default: earlier,
            },
            context,
          ),
        );
        if (outcomes.length < commitments.length) await options.onPart?.(outcomes);
      }
      return outcomes;
    }
  }
}
