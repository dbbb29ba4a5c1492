import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, UserError } from '../errors.js';
import type { Journal } from '../journal/journal.js';
import { cronBlock, installCron, readCron, removeCron } from '../schedule/cron.js';
import { notify } from '../schedule/notifier.js';
import { runProgram } from '../schedule/run.js';
import { installTimer, readTimer, removeTimer, systemdRuns, timerUnits } from '../schedule/systemd.js';
import {
  cronFields,
  DEFAULT_TIME,
  describeTime,
  parseReminderTime,
  type ReminderTime,
  systemdCalendar,
} from '../schedule/when.js';
import { setColorPolicy } from '../ui/output.js';
import { renderQuiet } from '../ui/status-view.js';
import { gatherStatus } from './gather-status.js';

/*
 * `intimacy remind`: a user-level schedule that shows what is due, with what the machine has (a
 * systemd user timer where a systemd user manager runs, else the user's crontab). Nothing is
 * installed but by `remind install`, and `remind remove` takes out all of it.
 */

export type Scheduler = 'systemd' | 'cron';
export const SCHEDULERS: Scheduler[] = ['systemd', 'cron'];

export interface Installed {
  scheduler: Scheduler;
  when: string;
  /** the unit files, or the crontab */
  where: string[];
}

export function reminderTime(text: string | undefined): ReminderTime {
  const time = parseReminderTime(text ?? DEFAULT_TIME);
  if (typeof time === 'string')
    throw new UsageError(`--at: ${time}.`, 'For example: --at "sun 19:00", --at 08:30 or --at "mon,thu 18:00".');
  return time;
}

/** The program the schedule runs: this node and this intimacy, by absolute path (cron's PATH is short). */
export function thisIntimacy(node = process.execPath): string[] {
  // From the bundle (dist/) the shim is ../bin; from the sources (tests) ../../bin.
  for (const relative of ['../bin/intimacy.js', '../../bin/intimacy.js']) {
    const bin = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(bin)) return [node, bin];
  }
  throw new Error('bin/intimacy.js is missing from this installation');
}

/** What the schedule runs, for the journal it was installed for. */
export function reminderCommand(journalDir: string, program = thisIntimacy()): string[] {
  return [...program, '--journal', journalDir, 'remind', 'notify'];
}

async function chooseScheduler(wanted: Scheduler | undefined, env: NodeJS.ProcessEnv): Promise<Scheduler> {
  if (wanted) return wanted;
  if (await systemdRuns(env)) return 'systemd';
  if (await runProgram('crontab', ['-l'], { env, timeoutMs: 5000 })) return 'cron';
  throw new UserError(
    'This computer has neither a systemd user session nor crontab to run a reminder.',
    'Run intimacy status --quiet from your own scheduler or shell start-up file instead.',
  );
}

export async function installReminder(options: {
  env: NodeJS.ProcessEnv;
  journalDir: string;
  at?: string;
  with?: Scheduler;
}): Promise<Installed> {
  const time = reminderTime(options.at);
  const command = reminderCommand(options.journalDir);
  const scheduler = await chooseScheduler(options.with, options.env);
  const when = describeTime(time);
  // One reminder: installing with one scheduler takes out what the other one had.
  if (scheduler === 'systemd') {
    const where = await installTimer(options.env, timerUnits(command, systemdCalendar(time), when));
    await removeCron(options.env).catch(() => false);
    return { scheduler, when, where };
  }
  await installCron(options.env, cronBlock(command, cronFields(time)));
  await removeTimer(options.env).catch(() => []);
  return { scheduler, when, where: ['your crontab (crontab -l shows it)'] };
}

export interface Removed {
  files: string[];
  crontab: boolean;
}

export async function removeReminder(env: NodeJS.ProcessEnv): Promise<Removed> {
  const files = await removeTimer(env);
  const crontab = await removeCron(env).catch((error) => {
    // No crontab program at all: nothing of ours can be in it.
    if (error instanceof UserError && /not installed/.test(error.message)) return false;
    throw error;
  });
  return { files, crontab };
}

export interface ReminderState {
  systemd?: { files: string[]; calendar?: string; command?: string };
  cron?: { line: string };
  /** the program a schedule runs is no longer there (intimacy moved or reinstalled) */
  stale: boolean;
}

export async function reminderState(env: NodeJS.ProcessEnv): Promise<ReminderState> {
  const [timer, cron] = await Promise.all([readTimer(env), readCron(env).catch(() => undefined)]);
  const commands = [timer?.command, cron].filter((text): text is string => text !== undefined);
  const stale = commands.some((text) => {
    const program = /["']([^"']*intimacy\.js)["']/.exec(text)?.[1];
    return program !== undefined && !existsSync(path.normalize(program));
  });
  return { ...(timer ? { systemd: timer } : {}), ...(cron ? { cron: { line: cron } } : {}), stale };
}

export interface Notified {
  due: string[];
  /** shown by the desktop's notifier */
  shown: boolean;
}

/** What the schedule runs: what is due (as status --quiet says it), shown through notify-send when there is anything. */
export async function notifyDue(journal: Journal, now: Date, env: NodeJS.ProcessEnv): Promise<Notified> {
  const { report } = await gatherStatus(journal, now);
  // Plain text: a notification is no terminal.
  setColorPolicy({ noColorFlag: true, env });
  const due = renderQuiet(report);
  if (due.length === 0) return { due, shown: false };
  const title = due.length === 1 ? 'intimacy: 1 ritual is due' : `intimacy: ${due.length} rituals are due`;
  return { due, shown: await notify(title, due.join('\n'), env) };
}
