import { gitEnv } from '../../git/env.js';
import { gitVersion, isRecentEnough, MINIMUM_GIT } from '../../git/version.js';
import type { Journal } from '../../journal/journal.js';
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
  if (!isRecentEnough(version))
    return [
      check('git', 'fail', `git ${version.text} is older than intimacy needs (${minimum}).`, {
        fix: `Update git to ${minimum} or later.`,
      }),
    ];
  return [check('git', 'ok', `git ${version.text} is installed.`)];
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
  const mine = partners.find((name) => name.toLowerCase() === me.name.toLowerCase());
  const checks: Check[] = [];
  const where = SOURCES[me.source] ?? me.source;
  if (mine) checks.push(check('identity', 'ok', `You are ${mine} (${where}), one of the partners.`));
  else
    checks.push(
      check(
        'identity',
        partners.length >= 2 ? 'fail' : 'warn',
        `You are "${me.name}" (${where}), who is not one of the partners (${partners.join(', ') || 'none named'}).`,
        {
          fix: 'Set your name in this clone: intimacy whoami --set NAME (one of the partners).',
        },
      ),
    );
  if (partners.length === 2)
    checks.push(check('partners', 'ok', `Both partners are named: ${partners.join(' and ')}.`));
  else if (partners.length < 2)
    checks.push(
      check(
        'partners',
        'warn',
        partners.length === 0 ? 'No partner is named.' : `Only ${partners[0]} is named as a partner.`,
        {
          fix: "Add your partner's name to partners: in intimacy.yaml, so status follows you both.",
        },
      ),
    );
  else
    checks.push(
      check(
        'partners',
        'warn',
        `intimacy.yaml names ${partners.length} partners (${partners.join(', ')}); a journal is for two.`,
        {
          fix: 'Keep the two names under partners: in intimacy.yaml.',
        },
      ),
    );
  return checks;
}
