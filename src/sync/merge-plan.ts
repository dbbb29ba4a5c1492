import type { TreeChange, TreeItem } from '../git/tree.js';
import { copyNameOf } from './conflict-copy.js';

/*
 * How the partner's history and ours become one tree, path by path, decided before anything
 * on disk changes. Journal files are never merged line by line: a file changed on one side
 * takes that side's version; changed on both, ours stays and theirs is kept beside it as a
 * conflict copy; an edit wins over a deletion; and a deletion of a file this user must keep
 * (their own entries, the settings) is undone, since a deletion is never worth more than an
 * entry. A conflict both of us settled, each our own way, is open again rather than decided by
 * which of us synced last. Pure: the trees come in as lists of changes, the result goes out as
 * changes to ours.
 */

/** A path's three versions: at the merge base, in our history and in theirs (undefined: absent). */
export interface PathVersions {
  base?: TreeItem;
  ours?: TreeItem;
  theirs?: TreeItem;
}

export interface MergePlan {
  /** what to change in our tree to get the result: a version to put at a path, or null to remove it */
  apply: Map<string, TreeItem | null>;
  /**
   * changed differently on both sides: ours stays at `path`, theirs goes to `copy`; `settledApart`:
   * both settled the conflict at `path` (its copy is gone on both sides), each keeping another version
   */
  conflicts: Array<{ path: string; copy: string; settledApart?: boolean }>;
  /** changed on one side and deleted on the other: the changed version was kept */
  keptEdits: string[];
  /** their history removes these (unchanged here) and they were kept */
  kept: string[];
  /** what their history brings that lands here as it is */
  landed: { added: string[]; changed: string[]; removed: string[] };
}

export interface PlanPolicy {
  /** a file that must survive a deletion arriving from the partner */
  mustKeep: (relPath: string) => boolean;
  /** where the partner's version goes when both changed `relPath` */
  copyPath: (relPath: string) => string;
}

function same(a: TreeItem | undefined, b: TreeItem | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.mode === b.mode && a.id === b.id;
}

/** Every path either side changed since the base, with its three versions. */
export function versionsOf(ourChanges: TreeChange[], theirChanges: TreeChange[]): Map<string, PathVersions> {
  const versions = new Map<string, PathVersions>();
  for (const change of ourChanges)
    versions.set(change.path, { base: change.from, ours: change.to, theirs: change.from });
  for (const change of theirChanges) {
    const known = versions.get(change.path);
    versions.set(change.path, { base: change.from, ours: known ? known.ours : change.from, theirs: change.to });
  }
  return versions;
}

/**
 * The files whose conflict both sides settled, differently: a conflict copy of the file was in
 * the base and is gone on both sides, and one side left the file as it was (kept its version)
 * while the other put the copy's words there (kept the copy's). The usual rule would take the
 * side that changed the file, and the other's choice would leave the journal without a word. A
 * file changed further after settling (neither version as it was) is an edit, and lands as one.
 */
export function settledApart(versions: Map<string, PathVersions>): Map<string, string[]> {
  const copiesGone = new Map<string, Array<{ path: string; words: TreeItem }>>();
  for (const [file, { base, ours, theirs }] of versions) {
    if (!base || ours || theirs) continue;
    const original = copyNameOf(file)?.original;
    if (original) copiesGone.set(original, [...(copiesGone.get(original) ?? []), { path: file, words: base }]);
  }
  const apart = new Map<string, string[]>();
  for (const [original, copies] of copiesGone) {
    const v = versions.get(original);
    if (!v?.base || !v.ours || !v.theirs || same(v.ours, v.theirs)) continue;
    const tookCopy = (item: TreeItem) => copies.some((copy) => same(copy.words, item));
    if ((same(v.ours, v.base) && tookCopy(v.theirs)) || (same(v.theirs, v.base) && tookCopy(v.ours)))
      apart.set(
        original,
        copies.map((copy) => copy.path),
      );
  }
  return apart;
}

/** The files the merge keeps two versions of, so each needs a copy's path. */
export function contestedPaths(versions: Map<string, PathVersions>): string[] {
  const contested = [...settledApart(versions).keys()];
  for (const [file, { base, ours, theirs }] of versions) {
    if (ours && theirs && !same(ours, theirs) && !same(base, ours) && !same(base, theirs)) contested.push(file);
  }
  return contested.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function planMerge(versions: Map<string, PathVersions>, policy: PlanPolicy): MergePlan {
  const plan: MergePlan = {
    apply: new Map(),
    conflicts: [],
    keptEdits: [],
    kept: [],
    landed: { added: [], changed: [], removed: [] },
  };
  const apart = settledApart(versions);
  for (const [file, { base, ours, theirs }] of [...versions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (same(ours, theirs)) continue;
    if (apart.has(file)) {
      // Both settled its conflict: ours stays, theirs (changed or not) goes beside it again.
      const copy = policy.copyPath(file);
      plan.apply.set(copy, theirs!);
      plan.conflicts.push({ path: file, copy, settledApart: true });
      continue;
    }
    if (same(base, theirs)) continue; // only we changed it
    if (same(base, ours)) {
      // only they changed it
      if (theirs) {
        plan.apply.set(file, theirs);
        (ours ? plan.landed.changed : plan.landed.added).push(file);
      } else if (policy.mustKeep(file)) {
        plan.kept.push(file);
      } else {
        plan.apply.set(file, null);
        plan.landed.removed.push(file);
      }
      continue;
    }
    // both changed it, differently
    if (ours && theirs) {
      const copy = policy.copyPath(file);
      plan.apply.set(copy, theirs);
      plan.conflicts.push({ path: file, copy });
    } else if (theirs) {
      plan.apply.set(file, theirs); // we deleted it, they changed it: their edit wins
      plan.keptEdits.push(file);
    } else {
      plan.keptEdits.push(file); // they deleted it, we changed it: ours stays
    }
  }
  return plan;
}
