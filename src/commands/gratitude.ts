import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { collect, commandContext, examples } from './context.js';

interface GratitudeOptions {
  tag: string[];
  for?: string;
  private?: boolean;
}

export function gratitudeCommand(): Command {
  return new Command('gratitude')
    .description('save a quick gratitude note (inline, prompted, or from stdin)')
    .argument('[text...]', 'what you are grateful for')
    .option('-t, --tag <tag>', 'tag the note (repeatable)', collect, [])
    .option('--for <name>', 'whom it thanks (default: your partner)')
    .option('--private', 'keep it on this computer only: never committed or shared')
    .addHelpText(
      'after',
      examples([
        'intimacy gratitude "the coffee you brought me this morning"',
        'intimacy gratitude -t home --for Jordan "fixing the sink without being asked"',
        'echo "our walk by the river" | intimacy gratitude',
        'intimacy gratitude                    # asks for the note',
      ]),
    )
    .action(async (words: string[], options: GratitudeOptions, command: Command) => {
      const ctx = await commandContext(command);
      const [{ gratitudeEntry }, { validateTags }, { validatePersonName }] = await Promise.all([
        import('../app/gratitude-entry.js'),
        import('../journal/tags.js'),
        import('../journal/identity.js'),
      ]);
      // Validate everything before anything is written.
      const tagProblem = validateTags(options.tag);
      if (tagProblem) throw new UsageError(tagProblem, 'For example: --tag home --tag kindness');
      if (options.for !== undefined) {
        const problem = validatePersonName(options.for, '--for');
        if (problem) throw new UsageError(problem + '.', 'For example: --for Jordan');
      }
      const text = await gratitudeText(words, ctx.mayPrompt);
      if (text.trim() === '') {
        throw new UsageError(
          'The gratitude note is empty; nothing was saved.',
          'Say what you are grateful for, e.g. intimacy gratitude "the coffee you made me".',
        );
      }

      const [{ openOrCreateJournal }, { saveEntry }, { autosyncAfterSave, reportSaved }] = await Promise.all([
        import('../journal/journal.js'),
        import('../store/save.js'),
        import('./report.js'),
      ]);
      const { journal, created } = await openOrCreateJournal(ctx);
      const when = ctx.now();
      const entry = gratitudeEntry({ text, tags: options.tag, thanked: options.for, journal, when });
      if (options.private) {
        const { savePrivateEntry } = await import('../store/private.js');
        reportSaved(await savePrivateEntry(journal, entry, when), entry.type, created ? ctx.dir : undefined);
        return;
      }
      const saved = await saveEntry(journal, entry, when);
      reportSaved(saved, entry.type, created ? ctx.dir : undefined);
      await autosyncAfterSave(journal);
    });
}

async function gratitudeText(words: string[], mayPrompt: boolean): Promise<string> {
  if (words.length > 0) return words.join(' ');
  const { readStdin, stdinIsInteractive } = await import('../prompts/stdin.js');
  if (!stdinIsInteractive()) return readStdin();
  if (!mayPrompt) {
    throw new UsageError(
      'No gratitude text given and prompting is off.',
      'Pass it as an argument, e.g. intimacy gratitude "…", or pipe it on stdin.',
    );
  }
  const { askText } = await import('../prompts/index.js');
  return askText({
    message: 'What are you grateful for?',
    hint: 'something small counts',
    validate: (value) => (value.trim() === '' ? 'Write a few words, or press Ctrl-C to leave.' : undefined),
  });
}
