import { configureClone, readHook, selfCommand } from '../../crypto/setup.js';
import { fileCalls as fs } from '../../file-calls.js';
import type { Journal } from '../../journal/journal.js';
import { shownShellWord } from '../../shell-word.js';
import { type Check, check } from './check.js';

/*
 * The encrypted journal's two hooks into git, both in this clone only: the filter (which
 * encrypts on commit) and the pre-push check (which refuses a plain entry on its way out).
 * Looked at where git itself looks: the hook by `git rev-parse --git-path hooks/pre-push`,
 * which follows core.hooksPath, so a hooks folder of the user's own is seen to bypass the check.
 */

/** What every pre-push check of intimacy's runs; a hook of the user's own may call it too. */
const CALL = 'filter pre-push';

export async function prePushChecks(journal: Journal, options: { fix?: boolean } = {}): Promise<Check[]> {
  let found = await look(journal);
  if (options.fix && found.some((one) => one.fixable)) {
    await configureClone(journal.git);
    journal.git.forgetConfig();
    found = await look(journal);
  }
  return found.map(({ fixable: _, ...one }) => one);
}

type Found = Check & { fixable?: boolean };

async function look(journal: Journal): Promise<Found[]> {
  return [await filterCheck(journal), await hookCheck(journal)];
}

/** The absolute paths a command line of selfCommand's names ('/usr/bin/node' '/…/intimacy.js'), that are gone. */
async function missingPrograms(line: string): Promise<string[]> {
  const quoted = [...line.matchAll(/'(\/[^']*)'/g)].map((match) => match[1]!);
  const gone: string[] = [];
  for (const file of quoted) if (!(await fs.stat(file).catch(() => undefined))) gone.push(file);
  return gone;
}

async function filterCheck(journal: Journal): Promise<Found> {
  const run = await journal.git.run(['config', '--get', 'filter.intimacy.process']);
  const line = run.stdout.toString('utf8').trim();
  if (line === '')
    // git then passes files through unfiltered: a commit would store plain text
    return {
      ...check(
        'encryption-filter',
        'fail',
        'git is not set to encrypt entries in this clone: a commit would store them plain.',
        {
          fix: 'intimacy doctor --fix sets it up again.',
        },
      ),
      fixable: true,
    };
  const gone = await missingPrograms(line);
  if (gone.length > 0)
    return {
      ...check(
        'encryption-filter',
        'fail',
        `git encrypts through ${gone[0]}, which is gone (intimacy was moved or reinstalled): commits fail.`,
        { fix: 'intimacy doctor --fix points git at this intimacy.' },
      ),
      fixable: true,
    };
  return check('encryption-filter', 'ok', 'git encrypts each entry as it is committed.');
}

async function hookCheck(journal: Journal): Promise<Found> {
  const hooksPath = journal.gitConfig.hooksPath;
  const hook = await journal.git.gitPath('hooks/pre-push');
  const text = readHook(hook);
  const line = selfCommand(`${CALL} "$@"`);
  if (text === undefined || !text.includes(CALL)) {
    if (hooksPath)
      return check(
        'pre-push',
        'fail',
        `git runs hooks from core.hooksPath (${hooksPath}), where intimacy's pre-push check is not: a plain entry could be pushed.`,
        {
          fix: `Add the line ${line} to ${hook}, or let this journal use its own hooks: git -C ${shownShellWord(journal.dir)} config core.hooksPath .git/hooks, then intimacy doctor --fix.`,
        },
      );
    if (text !== undefined)
      return check('pre-push', 'fail', `Your own pre-push hook (${hook}) runs instead of intimacy's check.`, {
        fix: `Add the line ${line} to it.`,
      });
    return {
      ...check('pre-push', 'fail', 'The pre-push check is not installed: a plain entry could be pushed.', {
        fix: 'intimacy doctor --fix installs it.',
      }),
      fixable: true,
    };
  }
  const fixable = !hooksPath;
  const by = fixable ? 'intimacy doctor --fix' : `Edit ${hook}`;
  const gone = await missingPrograms(text);
  if (gone.length > 0)
    return {
      ...check('pre-push', 'fail', `The pre-push check runs ${gone[0]}, which is gone: every push fails.`, {
        fix: fixable ? `${by} points it at this intimacy.` : `${by}: ${line}`,
      }),
      fixable,
    };
  const mode = (await fs.stat(hook)).mode;
  if ((mode & 0o100) === 0)
    return {
      ...check('pre-push', 'fail', `The pre-push check (${hook}) is not executable, so git skips it.`, {
        fix: fixable ? `${by} makes it so.` : `chmod u+x ${hook}`,
      }),
      fixable,
    };
  return check('pre-push', 'ok', 'The pre-push check refuses to push a plain entry.');
}
