/** What a remote's ref advertisement says: its branches and the branch its HEAD names. Pure. */
export interface RemoteRefs {
  /** branch name → commit */
  branches: Map<string, string>;
  /** the branch the remote's HEAD points at, when it says (it may not exist yet) */
  head?: string;
}

/** Parses `git ls-remote --symref REMOTE HEAD 'refs/heads/*'`. */
export function parseLsRemote(output: string): RemoteRefs {
  const refs: RemoteRefs = { branches: new Map() };
  for (const line of output.split('\n')) {
    const symref = /^ref: refs\/heads\/(\S+)\tHEAD$/.exec(line);
    if (symref) {
      refs.head = symref[1];
      continue;
    }
    const branch = /^([0-9a-f]{40,64})\trefs\/heads\/(.+)$/.exec(line);
    if (branch) refs.branches.set(branch[2]!, branch[1]!);
  }
  return refs;
}
