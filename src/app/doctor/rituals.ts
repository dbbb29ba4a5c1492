import type { Journal } from '../../journal/journal.js';
import { readRituals } from '../../rituals/definitions.js';
import { inline } from '../../ui/output.js';
import { type Check, check, some } from './check.js';

/**
 * The rituals intimacy.yaml describes: one that cannot be read is not tracked (status, stats
 * and rituals say so on every run), and `rituals set` and `remove` do not know it, so the fix is
 * made in the file.
 */
export function ritualChecks(journal: Journal): Check[] {
  const setting = journal.settings.extra.rituals;
  const { rituals, problems } = readRituals(setting);
  const names = rituals.map((ritual) => ritual.name).join(', ');
  if (problems.length === 0) {
    const which =
      setting === undefined ? 'the defaults, as no "rituals:" is in intimacy.yaml' : 'as intimacy.yaml lists them';
    // None tracked is a choice the couple may have made: said as information, with how to track one.
    if (rituals.length === 0)
      return [
        check('rituals', 'info', 'No ritual is tracked (intimacy.yaml lists none), so nothing is ever due.', {
          fix: 'intimacy rituals add NAME --cadence CADENCE tracks one.',
        }),
      ];
    return [
      check(
        'rituals',
        'ok',
        `${rituals.length === 1 ? '1 ritual is' : `${rituals.length} rituals are`} tracked, ${which}: ${names}.`,
      ),
    ];
  }
  const whole = problems.find((problem) => problem.all);
  const shape = 'NAME: { counts: [TYPE], cadence: CADENCE, who: together|each|either }';
  if (whole)
    return [
      check('rituals', 'warn', '"rituals:" in intimacy.yaml is not a mapping of ritual names: no ritual is tracked.', {
        fix: `Write it as one ritual a line, ${shape} (the README's "intimacy rituals" shows it), or delete "rituals:" to keep the defaults.`,
      }),
    ];
  const one = problems.length === 1;
  return [
    check(
      'rituals',
      'warn',
      `${one ? '1 ritual' : `${problems.length} rituals`} in intimacy.yaml cannot be read, so ${one ? 'it is' : 'they are'} not tracked: ${problems.map((problem) => inline(problem.ritual)).join(', ')}.`,
      {
        fix: `Correct ${one ? 'it' : 'each'} in intimacy.yaml as ${shape} (the README's "intimacy rituals" shows the fields), or delete ${one ? 'it' : 'them'} there and use intimacy rituals add NAME --cadence CADENCE.`,
        details: some(problems.map((problem) => `${inline(problem.ritual)}: ${inline(problem.message)}`)),
      },
    ),
  ];
}
