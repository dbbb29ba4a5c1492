import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { at, cleanupTemp, runCli } from '../helpers/cli.js';
import { makeCoupleJournal } from '../helpers/couple-journal.js';
import { startTerminal, type Terminal } from '../helpers/tmux.js';

/**
 * stats, status, rituals and doctor at a narrow terminal: every line they print fits its width, so the terminal
 * never breaks one mid-word. The screen is read with its wrapped lines joined back (capture-pane
 * -J), so a line the terminal had to break shows as one line wider than the terminal.
 */
const open: Terminal[] = [];
afterEach(() => {
  for (const terminal of open.splice(0)) terminal.kill();
});
afterAll(cleanupTemp);

/** What `args` prints at a terminal `columns` wide, each line as the program wrote it. */
async function printedAt(columns: number, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<string[]> {
  // Rows enough for the whole output: the screen is all that can be read back.
  const terminal = startTerminal(args, env, cwd, { columns, rows: 200 });
  open.push(terminal);
  expect(await terminal.exitCode()).toBe(0);
  return terminal
    .screen()
    .split('\n')
    .filter((line) => !line.startsWith('EXIT='));
}

function tooWide(lines: string[], columns: number): string[] {
  return lines.filter((line) => [...line.trimEnd()].length > columns);
}

describe('a narrow terminal', () => {
  it('gets stats, status, rituals and doctor that fit its width, with every figure and ritual still there', async () => {
    // Three weeks of check-ins, gratitudes, pulses and a repair; the commands run the Wednesday after.
    const cj = await makeCoupleJournal({ weeks: 3, firstMonday: '2026-11-02' });
    const env = at(cj.env, '2026-11-25T18:30:00Z');
    // A long ritual name, and one a partner skipped with a reason: lines of their own in status.
    expect(
      (await runCli(['rituals', 'add', 'morning-walk-together', '--cadence', 'weekly', '--who', 'each'], { env })).code,
    ).toBe(0);
    const skip = await runCli(['skip', 'date', '--reason', 'away visiting family for the week'], { env });
    expect(skip.code, skip.stderr).toBe(0);
    const wide = await runCli(['stats'], { env });
    expect(wide.code).toBe(0);

    // 80 columns too: a long ritual's streaks and the partner's news run past it.
    for (const columns of [40, 50, 80]) {
      const stats = await printedAt(columns, ['stats'], env, cj.home);
      expect(tooWide(stats, columns), stats.join('\n')).toEqual([]);
      const statsText = stats.join('\n');
      for (const fact of ['Check-in ratings', 'Gratitude notes per week', 'Daily pulse', 'Every ritual']) {
        expect(statsText.replace(/\s+/g, ' ')).toContain(fact);
      }
      for (const label of ['Connection', 'Communication', 'Affection', 'Fun', 'Support'])
        expect(statsText).toMatch(new RegExp(`^ {4}${label} +[▁-█]+ +avg \\d\\.\\d$`, 'm'));
      // The figures a wide terminal shows are all there.
      for (const figure of wide.stdout.match(/\d+ in all, \d\.\d a week|avg \d\.\d on \d+ days/g) ?? [])
        expect(statsText.replace(/\s+/g, ' ')).toContain(figure);
      // A ritual's label is cut at 16 columns at any width.
      for (const ritual of ['Check-in', 'Gratitude', 'Date night', 'Repair', 'Morning-walk-to…'])
        expect(statsText).toMatch(new RegExp(`^ {2}${ritual} +[·▒▓█s ]+$`, 'm'));
      expect(statsText.replace(/\s+/g, ' ')).toMatch(/· none ▒ 1 ▓ 2 █ 3\+ s skipped \(entries a (day|week)\)/);

      const status = await printedAt(columns, ['status'], env, cj.home);
      expect(tooWide(status, columns), status.join('\n')).toEqual([]);
      const statusText = status.join('\n').replace(/\s+/g, ' ');
      for (const ritual of ['check-in', 'gratitude', 'date night', 'repair', 'morning-walk-together'])
        expect(statusText).toContain(ritual);
      expect(statusText).toMatch(/weekly, together: \d+ weeks? \(best \d+\)/);
      expect(statusText).toContain('skipped these 2 weeks (away visiting family for the week)');
      expect(statusText).toContain('no remote yet (intimacy remote set URL shares the journal)');

      const rituals = await printedAt(columns, ['rituals'], env, cj.home);
      expect(tooWide(rituals, columns), rituals.join('\n')).toEqual([]);
      // Each ritual's name stands on a line of its own, with what it counts under it.
      for (const ritual of ['checkin', 'gratitude', 'date', 'repair', 'morning-walk-together'])
        expect(rituals.join('\n')).toMatch(new RegExp(`^${ritual}\\n {2}\\S.*\\n {2}counts: ${ritual}$`, 'm'));
      expect(rituals.join('\n')).toContain('  weekly, each\n  counts: morning-walk-together\n  since ');

      const doctor = await printedAt(columns, ['doctor'], env, cj.home);
      expect(tooWide(doctor, columns), doctor.join('\n')).toEqual([]);
      expect(doctor.join('\n').replace(/\s+/g, ' ')).toContain(
        '! No remote is set: the journal is not shared yet. → Add a private git remote with intimacy remote set URL, then intimacy sync.',
      );
    }
  });
});
