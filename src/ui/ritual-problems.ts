import type { RitualProblem } from '../rituals/definitions.js';
import { inline } from './output.js';

/**
 * A ritual intimacy.yaml describes but intimacy cannot read, as one line on stderr: the same
 * words from every command that reads the rituals (status, stats, rituals). The message can
 * quote the file (a cadence), so it is shown as inline text too.
 */
export function ritualProblemLine(problem: RitualProblem): string {
  if (problem.all) return `intimacy.yaml: "rituals" ${inline(problem.message)}; no ritual is tracked.`;
  return `intimacy.yaml: ritual "${inline(problem.ritual)}": ${inline(problem.message)}; it is left out.`;
}
