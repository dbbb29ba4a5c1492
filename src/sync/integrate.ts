import { existsSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { fileCalls as fs } from '../file-calls.js';
import { authorEnv } from '../git/env.js';
import type { Git } from '../git/git.js';
import { blob, EMPTY_TREE, isAncestor } from '../git/history.js';
import { moveBranch } from '../git/move.js';
import { smallBlobs } from '../git/objects.js';
import {
  blobContents,
  MODE_EXECUTABLE,
  MODE_FILE,
  objectSizes,
  pathsIn,
  type TreeChange,
  type TreeItem,
  treeChanges,
  treeItems,
} from '../git/tree.js';
import { isGuessed } from '../journal/identity.js';
import type { Journal } from '../journal/journal.js';
import { parseSettings, readSettings, type Settings } from '../journal/settings.js';
import { pushAll } from '../many.js';
import { shownShellWord } from '../shell-word.js';
import { authorName, type People, partnerNamed, slugsOf } from '../store/authors.js';
import { commitAuthor } from '../store/commit.js';
import { hasControl } from '../store/control-chars.js';
import { readTextIfExists } from '../store/files.js';
import { ATTRIBUTES_FILE, SETTINGS_FILE } from '../store/layout.js';
import { readsAsOneOf } from '../store/look-alike.js';
import { isEntryPath, parseEntryName, slugify } from '../store/naming.js';
import { PRIVATE_ROOT } from '../store/private.js';
import { FILE_LIMITS } from '../store/safe-file.js';
import { quoted, shownPath } from '../unsafe-chars.js';
import { conflictCopyPath, copyNameOf } from './conflict-copy.js';
import { arrivingAttributesProblem } from './incoming-attributes.js';
import { settingsNamesProblem } from './incoming-names.js';
import {
  caseClashes,
  fileFolderClashes,
  type IncomingProblem,
  incomingPathProblem,
  MAX_INCOMING_BYTES,
  reasonText,
} from './incoming-rules.js';
import { contestedPaths, type MergePlan, planMerge, settledApart, versionsOf } from './merge-plan.js';
import { mergeSettings } from './merge-settings.js';

/*
 * Brings one history into ours: the partner's (sync) or the journal's own branch (a clone
 * that wrote on a detached HEAD or another branch). Everything is decided in git's objects
 * first: the merged tree is built in a separate index, every path that would land is checked
 * (nothing under .intimacy/, no link, no submodule, no giant blob, no file turned into a
 * folder), and only then does the work tree move, in one step (git/move.ts). So nothing a
 * partner commits can delete or spoof this computer's own files, and a refusal changes nothing.
 */

export interface ConflictCopy {
  /** our version stays here */
  path: string;
  /** the partner's version, kept beside it */
  copy: string;
  from: string;
  /** both settled the conflict at `path`, each keeping another version: it is open again */
  settledApart?: boolean;
}

export interface ReceivedEntry {
  path: string;
  author: string;
}

/** A conflict copy made by the partner's sync, arriving here. */
export interface ArrivingConflict {
  path: string;
  copy: string;
  /** whose version the copy holds: "you" when it is this user's */
  whose: string;
  mine: boolean;
}

/** What the incoming history brings: one shape for a merge and for the whole sync. */
export interface Received {
  entries: ReceivedEntry[];
  otherChanges: string[];
  /** removed by the incoming history (the partner's own files, settled conflict copies) */
  removed: string[];
  /** this user's entries whose text the incoming history changes */
  changedMine: string[];
  /** conflict copies the partner's sync made */
  conflicts: ArrivingConflict[];
  /** this user's files the incoming history moves elsewhere (both names are kept) */
  renamedMine: Array<{ from: string; to: string }>;
}

export interface Integration {
  fastForward: boolean;
  conflicts: ConflictCopy[];
  /** intimacy.yaml, changed on both sides in different settings, merged setting by setting */
  mergedSettings?: boolean;
  /** changed on one side, deleted on the other: the changed version was kept */
  keptEdits: string[];
  /** files of this user's that the incoming history removes, kept here */
  kept: string[];
  received: Received;
}

export interface IntegrateInput {
  /** the commit HEAD is at */
  ours: string;
  theirs: string;
  /** the journal's branch, which ends up at the result (HEAD attached to it) */
  branch: string;
  /** whose history this is, for messages and the merge commit ("Jordan", "the remote") */
  who: string;
  message: string;
  /** a further check of what would land (e.g. that encrypted files decrypt); throws to refuse */
  inspect?: (git: Git, landing: Array<{ path: string; item: TreeItem }>, removed?: string[]) => Promise<void>;
}

export function emptyIntegration(): Integration {
  return {
    fastForward: false,
    conflicts: [],
    keptEdits: [],
    kept: [],
    received: { entries: [], otherChanges: [], removed: [], changedMine: [], conflicts: [], renamedMine: [] },
  };
}

/** Brings `theirs` in. Returns undefined when there was nothing to bring (theirs is in ours already). */
export async function integrate(journal: Journal, input: IntegrateInput): Promise<Integration | undefined> {
  const git = journal.git;
  const { ours, theirs } = input;
  if (ours === theirs || (await isAncestor(git, theirs, ours))) return undefined;
  let base = (await git.run(['merge-base', ours, theirs])).stdout.toString('utf8').trim();
  if (base === '') {
    // Two journals started separately may be joined; any other repository is refused.
    if (!(await pathsIn(git, theirs, [SETTINGS_FILE])).has(SETTINGS_FILE)) {
      throw new UserError(
        'The remote holds a git history unrelated to this journal, and it is not an intimacy journal.',
        'Check the remote URL (intimacy remote); nothing was changed.',
      );
    }
    base = EMPTY_TREE;
  }
  const fastForward = base === ours;
  const [ourChanges, theirChanges, towardTheirs] = await Promise.all([
    fastForward ? Promise.resolve([]) : treeChanges(git, base, ours),
    treeChanges(git, base, theirs),
    fastForward ? Promise.resolve(undefined) : treeChanges(git, ours, theirs),
  ]);
  const versions = versionsOf(ourChanges, theirChanges);
  // Every name this user has gone by (a renamed partner keeps their old one as an alias).
  const mySlugs = new Set(slugsOf(journal.settings, journal.me.name));
  const myTemplates = await templatesAddedBy(git, ours, journal.me.name, theirChanges);
  const copies = await copyPaths(journal, input, versions, mySlugs);
  const plan = planMerge(versions, {
    mustKeep: (file) => mustKeep(file, mySlugs, myTemplates),
    copyPath: (file) => copies.to.get(file) ?? file,
  });
  await refuseHostile(git, input, plan, towardTheirs ?? theirChanges, mySlugs, { base, versions });
  const mergedSettings = await mergeSettings(git, plan, versions.get(SETTINGS_FILE));
  await refuseNamesMerged(journal, input, plan);

  const result = emptyIntegration();
  result.fastForward = fastForward && plan.kept.length === 0;
  result.conflicts = plan.conflicts.map((conflict) => ({
    ...conflict,
    from: copies.from.get(conflict.path) ?? input.who,
  }));
  result.keptEdits = plan.keptEdits;
  result.kept = plan.kept;
  if (mergedSettings) result.mergedSettings = true;

  let target = theirs;
  if (!result.fastForward) {
    const tree = await buildTree(git, ours, plan, copies);
    const body = mergeBody(plan);
    const env = authorEnv(commitAuthor(journal));
    target = (
      await git.text(
        ['commit-tree', tree, '-p', ours, '-p', theirs, '-m', input.message, ...(body ? ['-m', body] : [])],
        {
          env,
        },
      )
    ).trim();
  }
  await moveBranch(git, { from: ours, to: target, branch: input.branch });
  await describeLanded(journal, { plan, versions }, theirChanges, { mySlugs, who: input.who }, result);
  return result;
}

/** Files this user keeps whatever the incoming history says: their entries, the settings, .gitignore, their templates. */
function mustKeep(file: string, mySlugs: Set<string>, myTemplates: Set<string>): boolean {
  if (file === SETTINGS_FILE || file === '.gitignore') return true;
  if (isEntryPath(file)) {
    const name = parseEntryName(file.slice(file.lastIndexOf('/') + 1));
    // A conflict copy is a second version of one entry: settling it may remove it.
    return name !== undefined && !name.conflictCopy && mySlugs.has(name.authorSlug);
  }
  return myTemplates.has(file);
}

/** Templates the incoming history deletes that this user added. */
async function templatesAddedBy(git: Git, ours: string, me: string, theirChanges: TreeChange[]): Promise<Set<string>> {
  const mine = new Set<string>();
  const deleted = theirChanges.filter((change) => !change.to && change.path.startsWith('templates/'));
  for (const change of deleted) {
    const who = await git.run(['log', '-1', '--diff-filter=A', '--format=%an', ours, '--', change.path]);
    if (who.code === 0 && who.stdout.toString('utf8').trim() === me) mine.add(change.path);
  }
  return mine;
}

/** Where the partner's version of each file changed on both sides goes, and whose it is. */
interface Copies {
  /** original path → where the partner's version goes */
  to: Map<string, string>;
  /** original path → whose version that is (the author of the partner's last change) */
  from: Map<string, string>;
}

async function copyPaths(
  journal: Journal,
  input: IntegrateInput,
  versions: ReturnType<typeof versionsOf>,
  mySlugs: Set<string>,
): Promise<Copies> {
  const git = journal.git;
  const copies: Copies = { to: new Map(), from: new Map() };
  const contested = contestedPaths(versions);
  if (contested.length === 0) return copies;
  const apart = settledApart(versions);
  const [inOurs, inTheirs] = await Promise.all([treeItems(git, input.ours), treeItems(git, input.theirs)]);
  for (const file of contested) {
    // Whose version it is: the last to change it, or, for a conflict settled again, who settled it.
    const settled = apart.get(file);
    const author = (
      await git.run(
        settled
          ? ['log', '-1', '--format=%an', '--diff-filter=D', input.theirs, '--', ...settled]
          : ['log', '-1', '--format=%an', input.theirs, '--', file],
      )
    ).stdout
      .toString('utf8')
      .trim();
    const from = copyOwner(journal.settings, author, mySlugs, input.who);
    const used = new Set(copies.to.values());
    const copy = conflictCopyPath(
      file,
      from,
      (candidate) =>
        inOurs.has(candidate) ||
        inTheirs.has(candidate) ||
        used.has(candidate) ||
        existsSync(path.join(journal.dir, candidate)),
    );
    copies.to.set(file, copy);
    copies.from.set(file, from);
  }
  return copies;
}

/**
 * Whose the copy this merge makes is, from git's author of the incoming change. The copy holds
 * the incoming side's version and this clone's stays at the path, so the copy is never named as
 * this user's: git's author name is whatever the partner's clone sets, and a copy named
 * `-conflict_<me>` would swap "yours" and "theirs" (and `--keep mine` would keep their words).
 * A partner's name is spelled as the journal spells it; a name that is this user's, reads as a
 * partner's ("Аlex" with a Cyrillic А), holds a character a line may not show, or is no name at
 * all stands for the partner (`who`).
 */
function copyOwner(people: People, author: string, mySlugs: Set<string>, who: string): string {
  const named = partnerNamed(people, author);
  if (named) return mySlugs.has(slugify(named)) ? who : named;
  const usable =
    shownName(author) !== undefined &&
    !mySlugs.has(slugify(author)) &&
    readsAsOneOf(author, people.partners) === undefined;
  return usable ? author : who;
}

/** Refuses, naming the paths, anything that would land and may not (incoming-rules.ts). */
async function refuseHostile(
  git: Git,
  input: IntegrateInput,
  plan: MergePlan,
  towardTheirs: TreeChange[],
  mySlugs: Set<string>,
  shared: SharedVersions,
): Promise<void> {
  const landing = [...plan.apply].flatMap(([file, item]) => (item ? [{ path: file, item }] : []));
  const problems: IncomingProblem[] = [];
  for (const file of await copiesNeverMine(git, input.ours, plan, landing, mySlugs))
    problems.push({ path: file, reason: 'not-your-version' });
  for (const { path: file, item } of landing) {
    const reason = incomingPathProblem(file, item.mode);
    if (reason) problems.push({ path: file, reason });
    // One name is one entry: a shared file named as one of this computer's private entries
    // would stand in for it wherever its id is given (show, edit).
    else if (isEntryPath(file) && existsSync(path.join(git.dir, PRIVATE_ROOT, file)))
      problems.push({ path: file, reason: 'private-name' });
  }
  const blobs = landing.filter(({ item }) => item.mode === MODE_FILE || item.mode === MODE_EXECUTABLE);
  const sizes = await objectSizes(
    git,
    blobs.map(({ item }) => item.id),
  );
  for (const { path: file, item } of blobs) {
    if ((sizes.get(item.id) ?? 0) > MAX_INCOMING_BYTES) problems.push({ path: file, reason: 'too-big' });
  }
  // Whatever its mode: git reads an executable .gitattributes all the same.
  const attributes = landing.find(
    ({ path: file, item }) => file === ATTRIBUTES_FILE && (item.mode === MODE_FILE || item.mode === MODE_EXECUTABLE),
  );
  if (attributes) {
    const current = await readTextIfExists(path.join(git.dir, ATTRIBUTES_FILE));
    const problem = await arrivingAttributesProblem(git, { path: attributes.path, id: attributes.item.id }, current);
    if (problem) problems.push(problem);
  }
  const removed = towardTheirs.filter((change) => !change.to).map((change) => change.path);
  for (const file of await clashingCase(git, input.ours, landing, removed))
    problems.push({ path: file, reason: 'case-clash' });
  pushAll(
    problems,
    fileFolderClashes(
      removed,
      landing.map(({ path: file }) => file),
    ),
  );
  // A copy this merge would make holds the partner's file at the original path: that is the
  // path in their history, which the refusal's fix (git rm there) must name.
  const copiedFrom = new Map(plan.conflicts.map((conflict) => [conflict.copy, conflict.path]));
  for (const problem of problems) problem.path = copiedFrom.get(problem.path) ?? problem.path;
  if (problems.length > 0) throw refusal(input.who, problems, shared);
  await input.inspect?.(git, landing, removed);
}

/**
 * Arriving conflict copies named as holding this user's version (`-conflict_<me>`, which the
 * partner's sync makes when both changed a file) that hold no version this clone ever had of
 * the file they copy: made by hand, they would be listed as "yours", and `conflicts resolve
 * --keep mine` would put the partner's words in place of yours. A copy of an encrypted file is
 * stored again for its own name, so its words are compared, when the key is here to read them.
 * Copies this merge makes itself are the partner's version, and never in question.
 */
async function copiesNeverMine(
  git: Git,
  ours: string,
  plan: MergePlan,
  landing: Array<{ path: string; item: TreeItem }>,
  mySlugs: Set<string>,
): Promise<string[]> {
  const madeHere = new Set(plan.conflicts.map((conflict) => conflict.copy));
  // Only files: a link or a submodule so named is refused for what it is (incomingPathProblem).
  const named = landing.filter(({ path: file, item }) => {
    const copy = copyNameOf(file);
    const isFile = item.mode === MODE_FILE || item.mode === MODE_EXECUTABLE;
    return isFile && copy !== undefined && mySlugs.has(copy.whoSlug) && !madeHere.has(file);
  });
  if (named.length === 0) return [];
  const already = await pathsIn(
    git,
    ours,
    named.map(({ path: file }) => file),
  );
  const never: string[] = [];
  for (const { path: file, item } of named) {
    if (already.has(file)) continue; // ours already: it arrived in an earlier sync, or we made it
    const original = copyNameOf(file)!.original;
    const versions = await versionsIn(git, ours, original);
    if (versions.has(item.id)) continue;
    if (!(await sameWordsAsOne(git, { path: file, id: item.id }, original, versions))) never.push(file);
  }
  return never;
}

/** Every blob `file` has held in `revision`'s history (git log --raw), its deletions aside. */
async function versionsIn(git: Git, revision: string, file: string): Promise<Set<string>> {
  const run = await git.run(['log', '--format=', '--raw', '--no-abbrev', '--no-renames', revision, '--', file]);
  const ids = new Set<string>();
  for (const line of run.stdout.toString('utf8').split('\n')) {
    // ":100644 100644 <old> <new> M\t<path>"
    const id = line.split('\t')[0]?.split(' ')[3];
    if (id && !/^0+$/.test(id)) ids.add(id);
  }
  return ids;
}

/** Whether the copy's words, read through git's filters, are those of one of the versions. */
async function sameWordsAsOne(
  git: Git,
  copy: { path: string; id: string },
  original: string,
  versions: Set<string>,
): Promise<boolean> {
  const copied = await blob(git, copy.id, copy.path);
  if (copied === undefined) return true; // unreadable here (no key): what it holds cannot be told, and sync does not guess
  for (const id of versions) {
    const held = await blob(git, id, original);
    if (held?.equals(copied)) return true;
  }
  return false;
}

/**
 * The landing paths whose name differs only in case from another in its folder once merged
 * (caseClashes): ours are listed only in the folders the landing paths pass through.
 */
async function clashingCase(
  git: Git,
  ours: string,
  landing: Array<{ path: string }>,
  removed: string[],
): Promise<string[]> {
  if (landing.length === 0) return [];
  const arriving = landing.map(({ path: file }) => file);
  const folders = new Set<string>();
  for (const file of arriving) {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(`${parts.slice(0, i).join('/')}/`);
  }
  const [root, inFolders] = await Promise.all([
    git.text(['ls-tree', '-z', '--full-tree', '--name-only', ours]),
    folders.size === 0
      ? Promise.resolve('')
      : git.text(['ls-tree', '-z', '--full-tree', '--name-only', ours, '--', ...folders]),
  ]);
  const gone = new Set(removed);
  const present = `${root}\0${inFolders}`.split('\0').filter((file) => file !== '' && !gone.has(file));
  return caseClashes(present, arriving);
}

/**
 * Refuses a partner's intimacy.yaml that would make two of this journal's people one
 * (incoming-names.ts): this clone would then write as the partner, and credit them with what
 * was written here. Our settings are read as they stand (an earlier history of this sync may
 * have changed them); when ours cannot be read (a broken file an earlier sync brought), the
 * newest version of ours that reads is the one compared with, so breaking the file first opens
 * no way round. The person this clone belongs to counts as one of ours even when our settings
 * no longer name them (an earlier sync dropped them from partners): a later alias of their name
 * to the other partner is refused too. When theirs cannot be read, the settings' own checks say so.
 */
async function refuseNamesMerged(journal: Journal, input: IntegrateInput, plan: MergePlan): Promise<void> {
  const git = journal.git;
  const item = plan.apply.get(SETTINGS_FILE);
  if (!item || (item.mode !== MODE_FILE && item.mode !== MODE_EXECUTABLE)) return;
  const theirs = (await settingsOfBlobs(git, [item.id]))[0];
  if (!theirs) return;
  const ours = (await readSettings(git.dir).catch(() => undefined)) ?? (await newestReadableSettings(git, input.ours));
  if (!ours) return;
  // A name guessed (git's user.name, the login name) never goes through aliases (identity.ts).
  const me = isGuessed(journal.me.source) ? undefined : journal.me.name;
  const problem = settingsNamesProblem(ours, theirs, me);
  if (!problem) return;
  throw new UserError(
    `${possessive(input.who)} ${SETTINGS_FILE} ${problem.text}. Nothing was merged; your journal is as it was.`,
    `Ask ${input.who === 'the remote' ? 'your partner' : input.who} to ${problem.ask} ${SETTINGS_FILE} and sync (a rename is ${problem.rename}), then run intimacy sync again.`,
  );
}

/** Versions of intimacy.yaml looked through for one that reads (sizes first, then only small ones parsed): bounded, as a partner may push thousands. */
const SETTINGS_VERSIONS = 256;

/** The newest of the last versions of intimacy.yaml in `commit`'s history that reads as settings; undefined when none does. */
async function newestReadableSettings(git: Git, commit: string): Promise<Settings | undefined> {
  const listed = await git.run([
    'log',
    `-n${SETTINGS_VERSIONS}`,
    '--no-renames',
    '--raw',
    '--no-abbrev',
    '--format=',
    commit,
    '--',
    SETTINGS_FILE,
  ]);
  if (listed.code !== 0) return undefined;
  const ids = [...listed.stdout.toString('utf8').matchAll(/^:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) [AMT]/gm)].map(
    (m) => m[1] ?? '',
  );
  return (await settingsOfBlobs(git, ids)).find((settings) => settings !== undefined);
}

/**
 * Each blob read as intimacy.yaml, in the order given: undefined for one that does not read, or
 * that is larger than a settings file may be (never read whole: a partner's blob may be 16 MiB).
 */
async function settingsOfBlobs(git: Git, ids: string[]): Promise<Array<Settings | undefined>> {
  const blobs = await smallBlobs(git, ids, FILE_LIMITS.settings);
  return ids.map((id) => {
    const bytes = blobs.get(id);
    if (!bytes) return undefined;
    try {
      return parseSettings(bytes.toString('utf8'));
    } catch {
      return undefined;
    }
  });
}

/** A refused path as sync and clone name it: with the refused line of a .gitattributes, quoted. */
export function shownProblem(problem: IncomingProblem): string {
  return problem.line === undefined
    ? shownPath(problem.path)
    : `${shownPath(problem.path)} with the line ${quoted(problem.line)}`;
}

/** The merge base, and each path's version there: what a refused path can be put back to. */
interface SharedVersions {
  base: string;
  versions: ReturnType<typeof versionsOf>;
}

function refusal(who: string, problems: IncomingProblem[], shared?: SharedVersions): UserError {
  const first = problems[0]!;
  const same = problems.filter((problem) => problem.reason === first.reason);
  const listed = same.slice(0, 3).map((problem) => shownPath(problem.path));
  const more = problems.length - listed.length;
  const names =
    first.line !== undefined
      ? shownProblem(first)
      : `${listed.join(', ')}${more > 0 ? ` and ${more} more ${more === 1 ? 'path' : 'paths'}` : ''}`;
  const local = first.reason === 'local-state';
  const restore = local || first.line !== undefined ? undefined : putBack(first.path, shared);
  const fix = local
    ? `in their journal: git rm -r --cached -- ${shownShellWord(first.path.split('/')[0]!)} && git commit -m "Keep local files local" && intimacy sync`
    : first.line !== undefined
      ? `in their journal: delete that line from ${shownPath(first.path)}, then git commit and intimacy sync`
      : (restore ??
        `in their journal: git rm -r --cached -- ${shownShellWord(first.path)}, then git commit and intimacy sync`);
  return new UserError(
    `${possessive(who)} history brings ${names}, which this journal refuses: ${reasonText(first.reason)}. Nothing was merged; your journal is as it was.`,
    `Ask ${who === 'the remote' ? 'your partner' : who} to ${restore ? 'put it back as it was' : 'take it out'} (${fix}), then run intimacy sync again.`,
  );
}

/**
 * The partner's fix for a plain file both histories share that theirs made something else (a
 * link, a folder), or a folder theirs made a file: taken out of git alone, it would stay in their
 * folder and stop their next sync (or the folder would go, with the entries in it), so it is put
 * back as it was at the merge base, which both clones have.
 */
function putBack(file: string, shared: SharedVersions | undefined): string | undefined {
  if (!shared || shared.base === EMPTY_TREE || !(wasFile(file, shared) || wasFolder(file, shared))) return undefined;
  const word = shownShellWord(file);
  return `in their journal: git rm -r -q --cached -- ${word} && rm -r -- ${word} && git checkout ${shared.base.slice(0, 12)} -- ${word} && git commit -m ${shownShellWord(`Put ${file} back`)} && intimacy sync`;
}

/** Whether the merge base, which both clones have, holds a plain file at `file`. */
function wasFile(file: string, shared: SharedVersions): boolean {
  const before = shared.versions.get(file)?.base;
  return before !== undefined && (before.mode === MODE_FILE || before.mode === MODE_EXECUTABLE);
}

/** Whether the merge base holds a folder at `file` (one of its files changed since): a folder made a file. */
function wasFolder(file: string, shared: SharedVersions): boolean {
  const inside = `${file}/`;
  for (const [other, version] of shared.versions) if (other.startsWith(inside) && version.base) return true;
  return false;
}

export function possessive(who: string): string {
  return who === 'the remote' ? "The remote's" : `${who}'s`;
}

/** Our tree with the plan applied, written through an index of its own (the journal's index is not touched). */
async function buildTree(git: Git, ours: string, plan: MergePlan, copies: Copies): Promise<string> {
  const indexFile = await git.gitPath(`intimacy/merge-index-${process.pid}`);
  await fs.mkdir(path.dirname(indexFile), { recursive: true, mode: 0o700 });
  const env = { GIT_INDEX_FILE: indexFile };
  try {
    await git.text(['read-tree', ours], { env });
    const copyOf = new Map([...copies.to].map(([original, copy]) => [copy, original]));
    const zero = '0'.repeat(ours.length);
    const records: string[] = [];
    for (const [file, item] of plan.apply) {
      if (!item) {
        records.push(`0 ${zero}\t${file}`);
        continue;
      }
      const original = copyOf.get(file);
      const id = original ? await rewrittenFor(git, item, original, file) : item.id;
      records.push(`${item.mode} ${id}\t${file}`);
    }
    if (records.length > 0)
      await git.text(['update-index', '-z', '--index-info'], { env, input: records.join('\0') + '\0' });
    return (await git.text(['write-tree'], { env })).trim();
  } finally {
    await fs.rm(indexFile, { force: true });
  }
}

/**
 * A blob stored for another path: through the filters (decrypted as at `from`, stored again as
 * git would store a file at `to`), so that an encrypted journal's copy is what its own clean
 * filter makes. Without a working filter (a clone without the key) the blob is reused as it is.
 */
async function rewrittenFor(git: Git, item: TreeItem, from: string, to: string): Promise<string> {
  const shown = await blob(git, item.id, from);
  if (shown === undefined) return item.id;
  const stored = await git.run(['hash-object', '-w', `--path=${to}`, '--stdin'], { input: shown });
  return stored.code === 0 ? stored.stdout.toString('utf8').trim() : item.id;
}

function mergeBody(plan: MergePlan): string {
  const lines: string[] = [];
  if (plan.kept.length > 0) lines.push('Kept, although the other history removes them:');
  pushAll(
    lines,
    plan.kept.map((f) => `  ${f}`),
  );
  if (plan.conflicts.length > 0) lines.push('Changed on both sides (the other version beside it):');
  pushAll(
    lines,
    plan.conflicts.map((c) => `  ${c.path} -> ${c.copy}`),
  );
  return lines.join('\n');
}

/** What landed, for the summary: new entries by author (read from git's objects), conflicts, removals. */
async function describeLanded(
  journal: Journal,
  { plan, versions }: { plan: MergePlan; versions: ReturnType<typeof versionsOf> },
  theirChanges: TreeChange[],
  { mySlugs, who }: { mySlugs: Set<string>; who: string },
  result: Integration,
): Promise<void> {
  const { git } = journal;
  const received = result.received;
  const newEntries: Array<{ path: string; id: string }> = [];
  const theirItem = new Map(theirChanges.map((change) => [change.path, change.to]));
  // A file of ours their history removes (kept) and brings back under another name: a rename.
  const keptById = new Map(
    plan.kept.flatMap((file) => {
      const id = versions.get(file)?.ours?.id;
      return id ? [[id, file] as const] : [];
    }),
  );
  for (const file of plan.landed.added) {
    const copy = copyNameOf(file);
    const renamedFrom = keptById.get(theirItem.get(file)?.id ?? '');
    if (renamedFrom) {
      received.renamedMine.push({ from: renamedFrom, to: file });
      keptById.delete(theirItem.get(file)!.id);
    } else if (copy) {
      const mine = mySlugs.has(copy.whoSlug);
      received.conflicts.push({ path: copy.original, copy: file, whose: mine ? 'you' : copy.whoSlug, mine });
    } else if (isEntryPath(file)) {
      const item = theirItem.get(file);
      if (item) newEntries.push({ path: file, id: item.id });
    } else received.otherChanges.push(file);
  }
  // The original of a conflict copy that arrives is part of that conflict, not another change.
  const inConflict = new Set(received.conflicts.map((conflict) => conflict.path));
  for (const file of plan.landed.changed) {
    if (inConflict.has(file)) continue;
    const name = isEntryPath(file) ? parseEntryName(file.slice(file.lastIndexOf('/') + 1)) : undefined;
    if (name && !name.conflictCopy && mySlugs.has(name.authorSlug)) received.changedMine.push(file);
    else received.otherChanges.push(file);
  }
  pushAll(received.removed, plan.landed.removed);
  const texts = await blobContents(git, newEntries);
  for (const entry of newEntries) {
    // Named as the journal names them now (an earlier name stands for the partner). One whose
    // author is not read (an escape, a zero-width space, none in its first lines) came from the
    // partner's history: the name in its file name, which may be yours, says nothing.
    const author = authorIn(texts.get(entry.path)) ?? who;
    received.entries.push({ path: entry.path, author: authorName(journal.settings, author) });
  }
}

/** The `author:` of an entry's front matter, read from its first lines without a YAML parser. */
export function authorIn(bytes: Buffer | undefined): string | undefined {
  if (!bytes) return undefined;
  const head = bytes.subarray(0, 4096).toString('utf8');
  if (!head.startsWith('---')) return undefined;
  const end = head.indexOf('\n---', 3);
  const front = end < 0 ? head : head.slice(0, end);
  const line = /^author:[ \t]*(.+?)[ \t]*$/m.exec(front)?.[1];
  if (!line) return undefined;
  let value = line;
  if (line.startsWith('"')) {
    try {
      value = String(JSON.parse(line));
    } catch {
      return undefined;
    }
  } else if (line.startsWith("'") && line.endsWith("'")) value = line.slice(1, -1).replace(/''/g, "'");
  value = value.trim();
  // A name no listing would show (an escape, a zero-width space): the entry is left out when
  // read, and the summary counts it as the partner's.
  return shownName(value);
}

/** A name from the partner's history (git's commit author, an entry's `author:`) as a line may show it; undefined if none. */
function shownName(value: string): string | undefined {
  return value === '' || value.length > 80 || hasControl(value) ? undefined : value;
}
