/** The command a person types to run a template: its own command for the rituals, else `new NAME`. */
const OWN_COMMANDS = new Set(['checkin', 'repair', 'date']);

export function commandToRun(template: string, together = false): string {
  return `intimacy ${OWN_COMMANDS.has(template) ? template : `new ${template}`}${together ? ' --together' : ''}`;
}
