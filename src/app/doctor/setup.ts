import { gitEnv } from '../../git/env.js';
import { gitVersion, isRecentEnough, MINIMUM_GIT } from '../../git/version.js';
import { notAPartner } from '../../journal/identity.js';
import type { Journal } from '../../journal/journal.js';
import { refusedNamesLine } from '../../journal/settings.js';
import { shownShellWord } from '../../shell-word.js';
import type { CommandContext } from '../context.js';
import { type Check, check } from './check.js';

/** git on PATH, and new enough. */
export async function gitChecks(ctx: Pick<CommandContext, 'env'>): Promise<Check[]> {
  const version = await gitVersion(gitEnv(ctx.env));
  const minimum = `${MINIMUM_GIT.major}.${MINIMUM_GIT.minor}`;
  if (!version)
    return [
      check('git', 'fail', 'git is not installed (or not on PATH).', { fix: `Install git ${minimum} or later.` }),
    ];
  if ('problem' in version)
    return [
      check('git', 'fail', `git is installed but would not run (${version.problem.replace(/\.$/, '')}).`, {
        fix: 'Fix what git names (git --version shows the same error), then run intimacy doctor again.',
      }),
    ];
  if (!isRecentEnough(version))
    return [
      check('git', 'fail', `git ${version.text} is older than intimacy needs (${minimum}).`, {
        fix: `Update git to ${minimum} or later.`,
      }),
    ];
  return [check('git', 'ok', `git ${version.text} is installed (intimacy needs ${minimum} or later).`)];
}

const SOURCES: Record<string, string> = {
  '--me': 'from --me',
  INTIMACY_ME: 'from INTIMACY_ME',
  'this journal': 'recorded in this clone',
  'git user.name': "from git's user.name",
  'login name': 'from your login name',
};

/** Who you are, whether that is one of the partners, and whether both are named. */
export function identityChecks(journal: Journal): Check[] {
  const { partners } = journal.settings;
  const me = journal.me;
  const where = SOURCES[me.source] ?? me.source;
  // journal.me is already in the journal's spelling; a guessed name that is only an alias is nobody's.
  const mine = partners.includes(me.name) ? me.name : undefined;
  const refused = notAPartner(me, journal.settings);
  const checks: Check[] = [];
  if (mine) checks.push(check('identity', 'ok', `You are ${mine} (${where}), one of the partners.`));
  else if (refused)
    checks.push(check('identity', 'fail', refused.message, refused.suggestion ? { fix: refused.suggestion } : {}));
  else
    checks.push(
      check('identity', 'warn', `You are ${me.name} (${where}), and the journal does not name you as a partner yet.`, {
        fix: `intimacy partners set ${shownShellWord(me.name)} PARTNER names you both.`,
      }),
    );
  const left = refusedNamesLine(journal.settings);
  if (left)
    checks.push(
      check('partner-names', 'warn', `${left}.`, {
        fix: 'Edit intimacy.yaml so that the name is spelled plainly, or name the two of you again with intimacy partners set YOU PARTNER.',
      }),
    );
  if (partners.length === 2)
    checks.push(check('partners', 'ok', `Both partners are named: ${partners.join(' and ')}.`));
  else
    checks.push(
      check(
        'partners',
        'warn',
        partners.length === 0
          ? 'No partner is named.'
          : partners.length === 1
            ? `Only ${partners[0]} is named as a partner.`
            : `intimacy.yaml names ${partners.length} partners (${partners.join(', ')}); a journal is for two.`,
        {
          fix: `intimacy partners set ${shownShellWord(mine ?? me.name)} PARTNER names you both, so status follows you both.`,
        },
      ),
    );
  return checks;
}
