import { UserError } from '../errors.js';
import { firstLine, runProgram } from './run.js';

/**
 * The reminder as lines of the user's own crontab, between two marker lines so that
 * `remind remove` takes out exactly what `remind install` put in and leaves the rest as it was.
 */

const BEGIN = '# BEGIN intimacy reminder: written by `intimacy remind install`; `intimacy remind remove` takes it out';
const END = '# END intimacy reminder';

/** A word of a crontab command line, for /bin/sh; `%` means a newline to cron, so it is escaped. */
function shellWord(word: string): string {
  return `'${word.replace(/'/g, `'\\''`).replace(/%/g, '\\%')}'`;
}

/** The block for the crontab; what the reminder prints goes nowhere (cron would mail it). */
export function cronBlock(command: string[], fields: string): string {
  return `${BEGIN}\n${fields} ${command.map(shellWord).join(' ')} >/dev/null 2>&1\n${END}\n`;
}

/** The crontab without our block, and our block's lines if it had one. */
export function splitCrontab(text: string): { others: string; ours?: string[] } {
  const lines = text.split('\n');
  const start = lines.indexOf(BEGIN);
  if (start < 0) return { others: text };
  const end = lines.indexOf(END, start);
  const stop = end < 0 ? lines.length : end + 1;
  const others = [...lines.slice(0, start), ...lines.slice(stop)].join('\n');
  return { others, ours: lines.slice(start + 1, end < 0 ? lines.length : end) };
}

async function crontab(env: NodeJS.ProcessEnv, args: string[], input?: string) {
  const answer = await runProgram('crontab', args, { env, ...(input !== undefined ? { input } : {}) });
  if (!answer)
    throw new UserError('crontab is not installed.', 'Install cron, or use --with systemd where systemd runs.');
  return answer;
}

/** The user's crontab as it is ('' when they have none). */
export async function readCrontab(env: NodeJS.ProcessEnv): Promise<string> {
  const answer = await crontab(env, ['-l']);
  if (answer.code === 0) return answer.stdout;
  if (/no crontab/i.test(answer.stderr)) return '';
  throw new UserError(
    `crontab -l failed: ${firstLine(answer.stderr) || `exit ${answer.code}`}.`,
    'Check that cron lets you have a crontab (crontab -l).',
  );
}

async function writeCrontab(env: NodeJS.ProcessEnv, text: string): Promise<void> {
  const answer = await crontab(env, ['-'], text);
  if (answer.code !== 0)
    throw new UserError(
      `crontab refused the new table: ${firstLine(answer.stderr) || `exit ${answer.code}`}.`,
      'Your crontab is unchanged.',
    );
}

function joined(others: string, block: string): string {
  const body = others.replace(/\n*$/, '');
  return body === '' ? block : `${body}\n${block}`;
}

/** Puts our block in the crontab (replacing an older one), keeping every other line. */
export async function installCron(env: NodeJS.ProcessEnv, block: string): Promise<void> {
  const { others } = splitCrontab(await readCrontab(env));
  await writeCrontab(env, joined(others, block));
}

/** Takes our block out; false when there was none (the crontab is then left untouched). */
export async function removeCron(env: NodeJS.ProcessEnv): Promise<boolean> {
  const current = await readCrontab(env);
  const { others, ours } = splitCrontab(current);
  if (!ours) return false;
  const rest = others.replace(/\n*$/, '');
  await writeCrontab(env, rest === '' ? '' : `${rest}\n`);
  return true;
}

/** Our block's schedule line, when the crontab has one. */
export async function readCron(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const { ours } = splitCrontab(await readCrontab(env).catch(() => ''));
  return ours?.find((line) => line.trim() !== '' && !line.startsWith('#'));
}
