import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';
import { resolveIdentity, type Identity } from './identity.js';
import { JournalRepo, type GitConfigValues } from './repo.js';
import { newSettingsText, readSettings, SETTINGS_FILE, type Settings } from './settings.js';
import { DIR_MODE, ensureDir, exists, writeFileAtomic } from './store.js';
import { slugify } from './naming.js';

/** What every command knows before it starts: where, who, and what time it is. */
export interface JournalContext {
  dir: string;
  meFlag?: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

export interface Journal {
  dir: string;
  repo: JournalRepo;
  settings: Settings;
  me: Identity;
  gitConfig: GitConfigValues;
}

export const STATE_DIR = '.intimacy';
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

export async function isJournal(dir: string): Promise<boolean> {
  return exists(path.join(dir, SETTINGS_FILE));
}

export type InitOutcome = { status: 'created'; journal: Journal } | { status: 'exists'; journal: Journal };

export interface InitOptions {
  partner?: string;
  /** record ctx.meFlag as this clone's identity */
  rememberMe?: boolean;
}

export async function initJournal(ctx: JournalContext, options: InitOptions = {}): Promise<InitOutcome> {
  if (await isJournal(ctx.dir)) return { status: 'exists', journal: await openJournal(ctx) };
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
    throw new UserError(
      `${ctx.dir} is not empty and is not an intimacy journal.`,
      'Choose an empty or new folder, e.g. intimacy init ~/our-journal.',
    );
  }
  await ensureDir(ctx.dir);
  await fs.chmod(ctx.dir, DIR_MODE);
  const repo = new JournalRepo(ctx.dir);
  await repo.init();
  if (options.rememberMe && ctx.meFlag) await repo.setLocalConfig('intimacy.me', ctx.meFlag.trim());
  const gitConfig = await repo.readConfig();
  const me = identityFor(ctx, gitConfig);
  const partners = [me.name, ...(options.partner ? [options.partner.trim()] : [])];
  await writeFileAtomic(path.join(ctx.dir, SETTINGS_FILE), newSettingsText(partners));
  await writeFileAtomic(path.join(ctx.dir, '.gitignore'), GITIGNORE);
  await ensureDir(path.join(ctx.dir, STATE_DIR));
  await repo.commitPaths([SETTINGS_FILE, '.gitignore'], 'Start our journal', commitAuthor(me, gitConfig));
  const settings = await readSettings(ctx.dir);
  if (!settings) throw new Error(`${SETTINGS_FILE} vanished while creating the journal`);
  return { status: 'created', journal: { dir: ctx.dir, repo, settings, me, gitConfig } };
}

export async function openJournal(ctx: JournalContext): Promise<Journal> {
  const repo = new JournalRepo(ctx.dir);
  // Both at once: git runs while the settings are read and parsed (see BENCHMARKS.md).
  // A broken git config must not cost the entry: it is saved, and git's complaint reported at commit.
  const [settings, gitConfig] = await Promise.all([
    readSettings(ctx.dir),
    repo.readConfig().catch((): GitConfigValues => ({})),
  ]);
  if (!settings) {
    throw new UserError(
      `There is no journal at ${ctx.dir}.`,
      "Create one with intimacy init, join your partner's with intimacy clone URL, or point --journal at it.",
    );
  }
  const journal: Journal = { dir: ctx.dir, repo, settings, me: identityFor(ctx, gitConfig), gitConfig };
  repo.commitGuard = () => encryptionGuard(ctx.dir, journal.gitConfig);
  return journal;
}

/** Opens the journal, creating it first when it does not exist yet (no set-up needed to start). */
export async function openOrCreateJournal(ctx: JournalContext): Promise<{ journal: Journal; created: boolean }> {
  if (await isJournal(ctx.dir)) return { journal: await openJournal(ctx), created: false };
  const outcome = await initJournal(ctx);
  return { journal: outcome.journal, created: outcome.status === 'created' };
}

/**
 * In an encrypted journal, a clone without the key (or without the filter wired in) would
 * commit plain text where the partner expects ciphertext: refuse, and keep the files.
 */
async function encryptionGuard(dir: string, gitConfig: GitConfigValues): Promise<string | undefined> {
  if (!(await lacksKey(dir, gitConfig))) return undefined;
  return 'this journal is encrypted and this clone has no key; run intimacy encrypt import-key FILE';
}

/** Encrypted journal, but this clone cannot decrypt (no key, or the filter is not wired in). */
async function lacksKey(dir: string, gitConfig: GitConfigValues): Promise<boolean> {
  const attributes = await fs.readFile(path.join(dir, '.gitattributes'), 'utf8').catch(() => '');
  if (!attributes.includes('filter=intimacy')) return false;
  return !(gitConfig.filterConfigured && (await exists(path.join(dir, '.git', 'intimacy', 'key'))));
}

/** Reading commands call this: without the key there is nothing to read but ciphertext. */
export async function assertReadable(journal: Journal): Promise<void> {
  if (await lacksKey(journal.dir, journal.gitConfig)) {
    throw new UserError(
      'This journal is encrypted and this clone has no key, so its entries cannot be read here.',
      'Ask your partner for it (intimacy encrypt export-key) and run intimacy encrypt import-key FILE.',
    );
  }
}

/** Commits carry the entry's author; an address is made up when git has none configured. */
export function commitAuthor(me: Identity, gitConfig: GitConfigValues): { name: string; email: string } {
  return { name: me.name, email: gitConfig.userEmail ?? `${slugify(me.name)}@intimacy.invalid` };
}
