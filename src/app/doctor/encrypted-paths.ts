import type { Git } from '../../git/git.js';

/*
 * Which committed files the journal encrypts, as git itself decides it: the `filter` attribute
 * of each path (`git check-attr`, from .gitattributes), so the answer follows whatever the
 * attributes cover, not a list kept here as well.
 */

export interface CommittedFile {
  /** the blob's id */
  id: string;
  path: string;
}

/** The files of one commit's tree that are under encryption, in path order. */
export async function encryptedFilesOf(git: Git, revision: string): Promise<CommittedFile[]> {
  const run = await git.run(['ls-tree', '-r', '-z', '--full-tree', revision]);
  if (run.code !== 0) return []; // no commit yet
  const files: CommittedFile[] = [];
  for (const record of run.stdout.toString('utf8').split('\0')) {
    // <mode> SP blob SP <id> TAB <path>
    const tab = record.indexOf('\t');
    const [, type, id] = record.slice(0, tab).split(' ');
    if (type === 'blob' && id) files.push({ id, path: record.slice(tab + 1) });
  }
  return onlyEncrypted(git, files);
}

/** The paths among `files` whose filter is intimacy's. */
export async function onlyEncrypted(
  git: Git,
  files: CommittedFile[],
  options: { timeoutMs?: number } = {},
): Promise<CommittedFile[]> {
  const paths = [...new Set(files.map((file) => file.path))];
  if (paths.length === 0) return [];
  const run = await git.run(['check-attr', '--stdin', '-z', 'filter'], {
    input: paths.join('\0') + '\0',
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  if (run.code !== 0 || run.timedOut) throw new Error('git check-attr did not answer');
  // -z: <path> NUL <attribute> NUL <value> NUL, one triple per path
  const fields = run.stdout.toString('utf8').split('\0');
  const encrypted = new Set<string>();
  for (let i = 0; i + 2 < fields.length; i += 3) if (fields[i + 2] === 'intimacy') encrypted.add(fields[i]!);
  return files.filter((file) => encrypted.has(file.path));
}
