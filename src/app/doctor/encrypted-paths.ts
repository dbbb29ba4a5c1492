import { isEncryptedPath } from '../../crypto/paths.js';
import type { Git } from '../../git/git.js';

export interface CommittedFile {
  /** the blob's id */
  id: string;
  path: string;
}

/** The files of one commit's tree under the folders the journal encrypts, in path order. */
export async function encryptedFilesOf(git: Git, revision: string): Promise<CommittedFile[]> {
  const run = await git.run(['ls-tree', '-r', '-z', '--full-tree', revision]);
  if (run.code !== 0) return []; // no commit yet
  const files: CommittedFile[] = [];
  for (const record of run.stdout.toString('utf8').split('\0')) {
    // <mode> SP blob SP <id> TAB <path>
    const tab = record.indexOf('\t');
    const [, type, id] = record.slice(0, tab).split(' ');
    const file = record.slice(tab + 1);
    if (type === 'blob' && id && isEncryptedPath(file)) files.push({ id, path: file });
  }
  return files;
}
