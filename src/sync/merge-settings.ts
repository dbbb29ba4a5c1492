import type { Git } from '../git/git.js';
import { smallBlobs } from '../git/objects.js';
import { MODE_EXECUTABLE, MODE_FILE, type TreeItem } from '../git/tree.js';
import { mergeSettingsTexts } from '../journal/settings-merge.js';
import { SETTINGS_FILE } from '../store/layout.js';
import { FILE_LIMITS } from '../store/safe-file.js';
import type { MergePlan } from './merge-plan.js';

/**
 * intimacy.yaml changed on both sides: when the two changed different settings (each added a
 * ritual), the plan takes one file with both changes instead of a copy to settle by hand
 * (journal/settings-merge.ts). The copy stays whenever the three versions are not all small
 * plain files that read as settings, or a setting was changed both ways. Called after the
 * hostile checks, so what is read here has passed them.
 */
export async function mergeSettings(
  git: Git,
  plan: MergePlan,
  versions: { base?: TreeItem; ours?: TreeItem; theirs?: TreeItem } | undefined,
): Promise<boolean> {
  const at = plan.conflicts.findIndex((conflict) => conflict.path === SETTINGS_FILE);
  // A conflict both settled, each their own way, is theirs to settle again, not to merge away.
  if (at < 0 || !versions || plan.conflicts[at]!.settledApart) return false;
  const items = [versions.base, versions.ours, versions.theirs];
  if (!items.every((item) => item && (item.mode === MODE_FILE || item.mode === MODE_EXECUTABLE))) return false;
  const ids = items.map((item) => item!.id);
  const blobs = await smallBlobs(git, ids, FILE_LIMITS.settings);
  const [base, ours, theirs] = ids.map((id) => blobs.get(id)?.toString('utf8'));
  if (base === undefined || ours === undefined || theirs === undefined) return false;
  const merged = mergeSettingsTexts(base, ours, theirs);
  if (merged === undefined || Buffer.byteLength(merged) > FILE_LIMITS.settings) return false;
  const stored = await git.run(['hash-object', '-w', '--no-filters', '--stdin'], { input: merged });
  if (stored.code !== 0) return false;
  const copy = plan.conflicts[at]!.copy;
  plan.conflicts.splice(at, 1);
  plan.apply.delete(copy);
  plan.apply.set(SETTINGS_FILE, { mode: versions.ours!.mode, id: stored.stdout.toString('utf8').trim() });
  plan.landed.changed.push(SETTINGS_FILE);
  return true;
}
