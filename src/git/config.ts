/** What intimacy reads from git's config (`git config --list -z`, every level), parsed. Pure. */
export interface GitConfigValues {
  userName?: string;
  userEmail?: string;
  /** who "I" am in this clone (intimacy.me in .git/config; never shared) */
  me?: string;
  /** intimacy.branch: the journal's one shared branch, as this clone recorded it */
  journalBranch?: string;
  /** the encryption filter is wired into this clone */
  filterConfigured?: boolean;
  /** the command git runs for the encryption filter (filter.intimacy.process), as recorded */
  filterCommand?: string;
  /** remote.origin.url: where sync fetches from and pushes to */
  remoteUrl?: string;
  /** core.sshCommand: the user's own ssh line, which sync extends */
  sshCommand?: string;
  /** core.hooksPath: hooks are looked for there instead of in the repository */
  hooksPath?: string;
  /** the branches with a branch.NAME.remote (any value, even none): where plain git pull looks */
  upstreamBranches?: string[];
  /** git read a repository's own config (the `local` scope): it opened a repository there (see Git.config) */
  local?: true;
  /** git answered; absent when reading the config failed (the other fields are then unknown, not unset) */
  read?: true;
}

/**
 * -z: each record is "key\nvalue\0"; a later value of the same key wins, as in git. With
 * `scoped` (git config --show-scope), each record is preceded by its scope ("local\0key\nvalue\0").
 */
export function parseConfigList(output: string, options: { scoped?: boolean } = {}): GitConfigValues {
  const all = new Map<string, string>();
  const upstreamBranches = new Set<string>();
  const fields = output.split('\0');
  let local = false;
  const records: string[] = [];
  if (!options.scoped) records.push(...fields);
  else
    for (let i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i] === 'local') local = true;
      records.push(fields[i + 1]!);
    }
  for (const record of records) {
    const newline = record.indexOf('\n');
    if (newline > 0) all.set(record.slice(0, newline), record.slice(newline + 1));
    // A key without a value has no newline; `git config --get` finds it all the same.
    const key = newline < 0 ? record : record.slice(0, newline);
    if (key.startsWith('branch.') && key.endsWith('.remote') && key.length > 'branch..remote'.length)
      upstreamBranches.add(key.slice('branch.'.length, -'.remote'.length));
  }
  const last = (key: string): string | undefined => {
    const one = all.get(key);
    return one && one.trim() !== '' ? one : undefined;
  };
  // git prints section and key names in lower case
  return {
    userName: last('user.name'),
    userEmail: last('user.email'),
    me: last('intimacy.me'),
    journalBranch: last('intimacy.branch')?.trim(),
    filterConfigured: last('filter.intimacy.process') !== undefined,
    filterCommand: last('filter.intimacy.process'),
    remoteUrl: last('remote.origin.url')?.trim(),
    sshCommand: last('core.sshcommand'),
    hooksPath: last('core.hookspath'),
    upstreamBranches: [...upstreamBranches],
    read: true,
    ...(local ? { local: true as const } : {}),
  };
}
