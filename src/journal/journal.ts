import os from 'node:os';
import path from 'node:path';
import { repairStaleDrivers, restoreLostDrivers } from '../crypto/drivers.js';
import { GitConfigUnreadable, IntimacyError, UserError } from '../errors.js';
import { fileCalls as fs } from '../file-calls.js';
import type { GitConfigValues } from '../git/config.js';
import { Git } from '../git/git.js';
import { shownShellWord } from '../shell-word.js';
import { commitJournalFiles } from '../store/commit.js';
import { refuseLinkedEntries } from '../store/entries-folder.js';
import { DIR_MODE, ensureDir, ensureJournalDir, writeJournalFile } from '../store/files.js';
import { SETTINGS_FILE, STATE_DIR } from '../store/layout.js';
import { slugify } from '../store/naming.js';
import { catchUpCloneCopy, readCloneCopy, recordMe } from './clone-copy.js';
import { type Identity, inJournal, isGuessed, notAPartner, resolveIdentity } from './identity.js';
import { FORMAT_VERSION, newSettingsText, readSettings, type Settings } from './settings.js';

/** What every command knows before it starts: where, who, and what time it is. */
export interface JournalContext {
  dir: string;
  meFlag?: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** the journal folder's git, when the caller made one already (it may have started reading the config) */
  git?: Git;
}

export interface Journal {
  dir: string;
  git: Git;
  settings: Settings;
  me: Identity;
  gitConfig: GitConfigValues;
  /**
   * Set only when the journal was opened with `settingsMayFail` and intimacy.yaml could not be
   * used (broken, hostile, newer, not a file): `settings` is then empty, and this says why.
   */
  settingsProblem?: IntimacyError;
}

const GITIGNORE = `# this computer only: drafts, caches, private entries\n${STATE_DIR}/\n# half-written files from an interrupted save\n.*.tmp-*\n`;

function loginName(): string | undefined {
  try {
    return os.userInfo().username;
  } catch {
    return undefined;
  }
}

export function identityFor(ctx: JournalContext, gitConfig: GitConfigValues): Identity {
  return resolveIdentity({
    flag: ctx.meFlag,
    env: ctx.env.INTIMACY_ME,
    clone: gitConfig.me,
    gitUserName: gitConfig.userName,
    loginName: loginName(),
  });
}

/**
 * git's config for `ctx`, read as who "I" am needs it. When git cannot read it (twice: see
 * Git.config) and --me or INTIMACY_ME says who I am, it is taken as unknown, so that a broken
 * config does not cost the entry (it is saved, and git's complaint reported at commit);
 * otherwise who I am would come from it, and is not guessed from the login name instead.
 */
export function configFor(ctx: Pick<JournalContext, 'meFlag' | 'env'>, git: Git): Promise<GitConfigValues> {
  return git.config().catch((problem: unknown): GitConfigValues => {
    if (problem instanceof GitConfigUnreadable && (ctx.meFlag?.trim() || ctx.env.INTIMACY_ME?.trim())) return {};
    throw problem;
  });
}

/** A journal has intimacy.yaml, in whatever shape: a link or a folder there is reported when it is read, not taken for "no journal". */
export async function isJournal(dir: string): Promise<boolean> {
  try {
    await fs.lstat(path.join(dir, SETTINGS_FILE));
    return true;
  } catch {
    return false;
  }
}

export type InitOutcome = { status: 'created'; journal: Journal } | { status: 'exists'; journal: Journal };

export interface InitOptions {
  partner?: string;
  /** record ctx.meFlag as this clone's identity */
  rememberMe?: boolean;
}

export async function initJournal(ctx: JournalContext, options: InitOptions = {}): Promise<InitOutcome> {
  if (await isJournal(ctx.dir)) return { status: 'exists', journal: await openJournal(ctx, { anyone: true }) };
  let entries: string[] = [];
  try {
    const stat = await fs.stat(ctx.dir);
    if (!stat.isDirectory())
      throw new UserError(`${ctx.dir} is a file, not a folder.`, 'Choose another place for the journal.');
    entries = await fs.readdir(ctx.dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (entries.length > 0) {
    await refuseMissingSettings(ctx, gitOf(ctx));
    throw new UserError(
      `${ctx.dir} is not empty and is not an intimacy journal.`,
      'Choose an empty or new folder, e.g. intimacy init ~/our-journal.',
    );
  }
  await ensureDir(ctx.dir);
  await fs.chmod(ctx.dir, DIR_MODE);
  const git = gitOf(ctx);
  await git.init();
  if (options.rememberMe && ctx.meFlag) await recordMe(git, ctx.meFlag.trim());
  const gitConfig = await git.config();
  const me = identityFor(ctx, gitConfig);
  const partner = options.partner?.trim();
  // The same name twice ("--me Alex --partner alex") is one person.
  const partners = [me.name, ...(partner && slugify(partner) !== slugify(me.name) ? [partner] : [])];
  await writeJournalFile(ctx.dir, SETTINGS_FILE, newSettingsText(partners));
  await writeJournalFile(ctx.dir, '.gitignore', GITIGNORE);
  await ensureJournalDir(ctx.dir, STATE_DIR);
  await commitJournalFiles({ dir: ctx.dir, git, me, gitConfig }, [SETTINGS_FILE, '.gitignore'], 'Start our journal');
  const settings = await readSettings(ctx.dir);
  if (!settings) throw new Error(`${SETTINGS_FILE} vanished while creating the journal`);
  return { status: 'created', journal: { dir: ctx.dir, git, settings, me, gitConfig } };
}

/** The context's git for its folder, or a new one. */
function gitOf(ctx: JournalContext): Git {
  return ctx.git?.dir === ctx.dir ? ctx.git : new Git(ctx.dir, ctx.env);
}

export interface OpenOptions {
  /**
   * Open it whoever "I" am. By default a name given for "me" (--me, INTIMACY_ME, the name
   * recorded in this clone) that is not one of the journal's two partners is refused (exit 2);
   * the commands that say or fix who you are, or never write an entry (whoami, partners, sync,
   * remote, encrypt), open it anyway.
   */
  anyone?: boolean;
  /**
   * The command writes entries: a name only guessed (git user.name, the login name) that is
   * not a partner is refused too, since what it wrote would count for nobody. Reading commands
   * take a guessed name as it is.
   */
  writing?: boolean;
  /**
   * Open even when intimacy.yaml cannot be used, recording the problem instead of throwing it:
   * for sync, which must still fetch the fix when a broken or hostile file came in.
   */
  settingsMayFail?: boolean;
}

export async function openJournal(ctx: JournalContext, options: OpenOptions = {}): Promise<Journal> {
  refuseLinkedEntries(ctx.dir);
  const git = gitOf(ctx);
  // Both at once: git runs while the settings are read and parsed (see BENCHMARKS.md), so it
  // starts first (reading them is synchronous up to the parse).
  // A config git cannot read is said only once there is a journal here (a folder that is not
  // there has no config to read either).
  const configRead = configFor(ctx, git).catch((problem: unknown) => {
    if (problem instanceof GitConfigUnreadable) return problem;
    throw problem;
  });
  const reading = readSettings(ctx.dir);
  const [read, configured] = await Promise.all([
    options.settingsMayFail
      ? reading.then(
          (settings) => ({ settings }),
          (problem: unknown) => ({ problem }),
        )
      : reading.then((settings) => ({ settings })),
    configRead,
  ]);
  const missing = 'settings' in read && !read.settings;
  if (missing && !options.settingsMayFail) await refuseMissingSettings(ctx, git);
  if (missing && !(options.settingsMayFail && (await tracksSettings(git))))
    throw new UserError(
      `There is no journal at ${ctx.dir}.`,
      "Create one with intimacy init, join your partner's with intimacy clone URL, or point --journal at it.",
    );
  if (configured instanceof GitConfigUnreadable) throw configured;
  let gitConfig = configured;
  // intimacy moved or reinstalled since encryption was set up: git is told where it is now.
  await repairStaleDrivers(git, gitConfig.filterCommand);
  // .git/config lost them (the key is still here): git is told again.
  if (!gitConfig.filterConfigured && (await restoreLostDrivers(git, ctx.dir, gitConfig.filterCommand)))
    gitConfig = { ...gitConfig, filterConfigured: true };
  // .git/config gone altogether (git read no config of the repository's own): who I am comes
  // back from this clone's copy, rather than from git's user.name or the login name.
  if (gitConfig.read && !gitConfig.local && !gitConfig.me) {
    const kept = readCloneCopy(git).me;
    if (kept) {
      await recordMe(git, kept);
      gitConfig = { ...gitConfig, me: kept };
    }
  }
  // A clone made before the copy was kept gets one from its first write.
  if (options.writing && gitConfig.local) await catchUpCloneCopy(git, gitConfig);
  const journal = (settings: Settings, settingsProblem?: IntimacyError): Journal => ({
    dir: ctx.dir,
    git,
    settings,
    me: inJournal(identityFor(ctx, gitConfig), settings),
    gitConfig,
    ...(settingsProblem ? { settingsProblem } : {}),
  });
  const unusable = (problem: IntimacyError) =>
    journal({ version: FORMAT_VERSION, partners: [], aliases: {}, extra: {} }, problem);
  if ('problem' in read) {
    if (!(read.problem instanceof IntimacyError)) throw read.problem;
    return unusable(read.problem);
  }
  if (!read.settings)
    return unusable(new UserError(`${SETTINGS_FILE} is missing.`, 'Restore it with git checkout -- intimacy.yaml.'));
  const opened = journal(read.settings);
  const { me, settings } = opened;
  const refused = options.anyone || (isGuessed(me.source) && !options.writing) ? undefined : notAPartner(me, settings);
  if (refused) throw refused;
  return opened;
}

/** intimacy.yaml is in the last commit (it was deleted from the folder, not never there). */
/**
 * A journal whose intimacy.yaml was deleted here (its last commit has it) is still a journal:
 * said as such, with the one command that brings the file back, rather than "no journal" (and
 * an invitation to make one in its place). Undefined when the file is there or never was.
 */
export async function settingsMissing(dir: string, git: Git): Promise<UserError | undefined> {
  if ((await readSettings(dir).catch(() => 'unreadable')) !== undefined) return undefined;
  if (!(await tracksSettings(git).catch(() => false))) return undefined;
  return new UserError(
    `${SETTINGS_FILE} is missing from the journal at ${dir}, though its last commit has it.`,
    `Bring it back with: git -C ${shownShellWord(dir)} checkout -- ${SETTINGS_FILE}`,
  );
}

async function refuseMissingSettings(ctx: JournalContext, git: Git): Promise<void> {
  const missing = await settingsMissing(ctx.dir, git);
  if (missing) throw missing;
}

async function tracksSettings(git: Git): Promise<boolean> {
  if (!git.isRepository()) return false;
  return (await git.run(['cat-file', '-e', `HEAD:${SETTINGS_FILE}`])).code === 0;
}
