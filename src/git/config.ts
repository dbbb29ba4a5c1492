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
  /** a commit.* setting that changes the commit (signing on, a cleanup mode…), which only git commit applies (git/index-commit.ts) */
  commitConfigured?: true;
  /** the branches with a branch.NAME.remote (any value, even none): where plain git pull looks */
  upstreamBranches?: string[];
  /** git read a repository's own config (the `local` scope): it opened a repository there (see Git.config) */
  local?: true;
  /** git answered; absent when reading the config failed (the other fields are then unknown, not unset) */
  read?: true;
}

export interface ConfigListing {
  /** `git config --show-scope`: each record is preceded by its scope ("local\0key\nvalue\0") */
  scoped?: boolean;
  /** and `--show-origin`: by its scope, then where it was read ("local\0file:.git/config\0key\nvalue\0") */
  origins?: boolean;
}

/** -z: each record is "key\nvalue\0"; a later value of the same key wins, as in git. */
export function parseConfigList(output: string, options: ConfigListing = {}): GitConfigValues {
  const all = new Map<string, string>();
  const upstreamBranches = new Set<string>();
  let local = false;
  const records: string[] = [];
  for (const record of configRecords(output, options)) {
    if (record.scope === 'local') local = true;
    records.push(record.text);
  }
  const commitSettings = new Map<string, string | undefined>();
  for (const record of records) {
    const newline = record.indexOf('\n');
    if (newline > 0) all.set(record.slice(0, newline), record.slice(newline + 1));
    // A key without a value has no newline; `git config --get` finds it all the same.
    const key = newline < 0 ? record : record.slice(0, newline);
    if (key.startsWith('commit.')) commitSettings.set(key, newline < 0 ? undefined : record.slice(newline + 1));
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
    ...([...commitSettings].some(([key, value]) => changesTheCommit(key, value))
      ? { commitConfigured: true as const }
      : {}),
    upstreamBranches: [...upstreamBranches],
    read: true,
    ...(local ? { local: true as const } : {}),
  };
}

/** commit.* settings that shape only the text git commit's editor starts with: -m opens none. */
const EDITOR_ONLY = new Set(['commit.template', 'commit.status', 'commit.verbose']);

/**
 * Whether a commit.* setting (its last value; undefined for a key without one, which git reads
 * as true) makes git commit do more than commit-tree: signing when on, a cleanup mode, any
 * setting not known here. Signing turned off, which many set once for all, changes nothing.
 */
function changesTheCommit(key: string, value: string | undefined): boolean {
  if (EDITOR_ONLY.has(key)) return false;
  // git's false: an empty value, false, no, off, or the number 0
  if (key === 'commit.gpgsign') return value === undefined || !/^\s*(?:false|no|off|0+)?\s*$/i.test(value);
  return true;
}

/** The records of a `git config --list -z` listing, each with its scope and origin when listed. */
export function configRecords(
  output: string,
  options: ConfigListing = {},
): { scope?: string; origin?: string; text: string }[] {
  const fields = output.split('\0');
  const width = options.origins ? 3 : options.scoped ? 2 : 1;
  const records: { scope?: string; origin?: string; text: string }[] = [];
  for (let i = 0; i + width - 1 < fields.length; i += width) {
    records.push(
      width === 1
        ? { text: fields[i]! }
        : { scope: fields[i], ...(width === 3 ? { origin: fields[i + 1] } : {}), text: fields[i + width - 1]! },
    );
  }
  return records;
}
