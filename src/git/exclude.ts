import path from 'node:path';
import { fileCalls as fs } from '../file-calls.js';
import type { Git } from './git.js';

/**
 * Makes git ignore `pattern` through this clone's own .git/info/exclude, which no commit can
 * change: the journal's committed .gitignore says the same, but a partner could rewrite that.
 */
export async function ensureExcluded(git: Git, pattern: string): Promise<void> {
  const file = await git.gitPath('info/exclude');
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  if (text.split('\n').some((line) => line.trim() === pattern)) return;
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${pattern}\n`);
}
