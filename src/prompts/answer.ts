import { askEditor, askText } from './index.js';
import { wantsEditor } from './questions.js';

/** A question's answer at a terminal: in $VISUAL/$EDITOR when one is set (long answers), else on the line. */
export async function askAnswer(question: {
  message: string;
  hint?: string;
  env: NodeJS.ProcessEnv;
  /** where the editor's temp file goes (the journal's private folder) */
  editorDir?: string;
}): Promise<string> {
  const validate = (value: string) =>
    value.trim() === '' ? 'Write a few words, or press Ctrl-C to leave.' : undefined;
  return wantsEditor(question.env)
    ? askEditor({ message: question.message, hint: question.hint, dir: question.editorDir, validate })
    : askText({ message: question.message, hint: question.hint, validate });
}
