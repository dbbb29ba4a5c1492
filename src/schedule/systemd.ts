import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';
import { fileCalls as fs } from '../file-calls.js';
import { firstLine, runProgram } from './run.js';

/**
 * The reminder as a systemd user timer: two unit files in the user's own unit folder
 * ($XDG_CONFIG_HOME/systemd/user), enabled with `systemctl --user`. Nothing system-wide, no root.
 */

export const TIMER = 'intimacy-remind.timer';
export const SERVICE = 'intimacy-remind.service';

export function unitFolder(env: NodeJS.ProcessEnv): string {
  const config =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
      ? env.XDG_CONFIG_HOME
      : path.join(env.HOME || os.homedir(), '.config');
  return path.join(config, 'systemd', 'user');
}

/** Is a systemd user manager running for this user (so a timer would fire)? */
export async function systemdRuns(env: NodeJS.ProcessEnv): Promise<boolean> {
  const answer = await runProgram('systemctl', ['--user', 'show-environment'], { env, timeoutMs: 5000 });
  return answer?.code === 0;
}

/** An ExecStart word: quoted, with systemd's own specifiers (% and $) kept literal. */
function execWord(word: string): string {
  return `"${word
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/%/g, '%%')
    .replace(/\$/g, '$$$$')}"`;
}

export interface TimerUnits {
  service: string;
  timer: string;
}

export function timerUnits(command: string[], calendar: string, described: string): TimerUnits {
  return {
    service: [
      '# Written by `intimacy remind install`; `intimacy remind remove` takes it out.',
      '[Unit]',
      'Description=intimacy: what is due in your journal',
      '',
      '[Service]',
      'Type=oneshot',
      `ExecStart=${command.map(execWord).join(' ')}`,
      '',
    ].join('\n'),
    timer: [
      '# Written by `intimacy remind install`; `intimacy remind remove` takes it out.',
      '[Unit]',
      `Description=intimacy: a reminder ${described}`,
      '',
      '[Timer]',
      `OnCalendar=${calendar}`,
      // A reminder missed while the computer was off comes when it is on again.
      'Persistent=true',
      '',
      '[Install]',
      'WantedBy=timers.target',
      '',
    ].join('\n'),
  };
}

async function systemctl(env: NodeJS.ProcessEnv, ...args: string[]): Promise<void> {
  const answer = await runProgram('systemctl', ['--user', ...args], { env });
  if (!answer) throw new UserError('systemctl is not installed.', 'Use --with cron instead.');
  if (answer.code !== 0) {
    throw new UserError(
      `systemctl --user ${args.join(' ')} failed: ${firstLine(answer.stderr) || `exit ${answer.code}`}.`,
      'Check that your systemd user session runs (systemctl --user status), or use --with cron.',
    );
  }
}

/** Writes both units and starts the timer. */
export async function installTimer(env: NodeJS.ProcessEnv, units: TimerUnits): Promise<string[]> {
  const folder = unitFolder(env);
  await fs.mkdir(folder, { recursive: true });
  const files = [path.join(folder, SERVICE), path.join(folder, TIMER)];
  await fs.writeFile(files[0]!, units.service, { mode: 0o644 });
  await fs.writeFile(files[1]!, units.timer, { mode: 0o644 });
  try {
    await systemctl(env, 'daemon-reload');
    await systemctl(env, 'enable', '--now', TIMER);
  } catch (error) {
    // Nothing half-installed: units systemd was not told about are taken out again.
    await Promise.all(files.map((file) => fs.rm(file, { force: true })));
    throw error;
  }
  return files;
}

/** Stops the timer and deletes both units; the files that were there, or none. */
export async function removeTimer(env: NodeJS.ProcessEnv): Promise<string[]> {
  const folder = unitFolder(env);
  const files = [path.join(folder, TIMER), path.join(folder, SERVICE)];
  const present = (await Promise.all(files.map((file) => exists(file)))).some(Boolean);
  if (!present) return [];
  // The timer is stopped first; a manager that is not running has nothing to stop.
  if (await systemdRuns(env)) await systemctl(env, 'disable', '--now', TIMER);
  const removed: string[] = [];
  for (const file of files) {
    if (await exists(file)) {
      await fs.rm(file, { force: true });
      removed.push(file);
    }
  }
  if (await systemdRuns(env)) await systemctl(env, 'daemon-reload');
  return removed;
}

export interface InstalledTimer {
  files: string[];
  calendar?: string;
  command?: string;
}

/** What `remind install` left in the unit folder, if anything. */
export async function readTimer(env: NodeJS.ProcessEnv): Promise<InstalledTimer | undefined> {
  const folder = unitFolder(env);
  const [timer, service] = await Promise.all([
    fs.readFile(path.join(folder, TIMER), 'utf8').catch(() => undefined),
    fs.readFile(path.join(folder, SERVICE), 'utf8').catch(() => undefined),
  ]);
  if (timer === undefined && service === undefined) return undefined;
  const calendar = timer ? /^OnCalendar=(.*)$/m.exec(timer)?.[1] : undefined;
  const command = service ? /^ExecStart=(.*)$/m.exec(service)?.[1] : undefined;
  return {
    files: [timer !== undefined ? TIMER : undefined, service !== undefined ? SERVICE : undefined]
      .filter((name): name is string => name !== undefined)
      .map((name) => path.join(folder, name)),
    ...(calendar ? { calendar } : {}),
    ...(command ? { command } : {}),
  };
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}
