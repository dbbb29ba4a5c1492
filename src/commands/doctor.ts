import { Command } from 'commander';
import { runDoctor } from '../app/doctor/run.js';
import { SilentFailure } from '../errors.js';
import { renderDoctor } from '../ui/doctor-view.js';
import { fitWidth } from '../ui/layout.js';
import { out, print, printJson } from '../ui/output.js';
import { commandContext, examples, type Launch } from './context.js';

/** `intimacy doctor [--json]`: checks the journal, git, sharing and encryption, and says what to do. */
export function command(launch: Launch): Command {
  return new Command('doctor')
    .option('--json', 'print {ok, checks: [{id, status, summary, fix, details}]} as JSON')
    .option(
      '--fix',
      'also repair what is safe to: leftovers of an interrupted write, open file modes, the encryption hooks',
    )
    .addHelpText(
      'after',
      examples([
        'intimacy doctor',
        'intimacy doctor --fix',
        'intimacy doctor --json | jq \'.checks[] | select(.status != "ok")\'',
      ]) + '\nEach check is ok, warn (works, but look) or fail (broken); the exit code is 1 when one fails.\n',
    )
    .action(async (options: { json?: boolean; fix?: boolean }, cmd: Command) => {
      const found = await runDoctor(await commandContext(cmd, launch), { fix: options.fix });
      if (options.json) printJson({ ok: found.ok, checks: found.checks });
      else
        for (const line of renderDoctor(found.checks, out(), launch.env, fitWidth(launch.stdout, launch.env)))
          print(line);
      // The report says what failed; the exit code only tells a script.
      if (!found.ok) throw new SilentFailure();
    });
}
