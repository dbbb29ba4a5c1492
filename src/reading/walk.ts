import { keepYoungGenerationSmall } from '../heap.js';
import {
  byId,
  datedFolders,
  type EntryFile,
  type EntryProblem,
  entryFileIn,
  MONTH_FOLDER,
  monthNames,
  STRAY_REASON,
  type StrayReport,
  YEAR_FOLDER,
} from '../store/entry-folders.js';
import { ANY_FOLDER, type FolderTest } from './folder-range.js';
import { shortIdInSortedLists } from './query.js';

/** A folder laid out like entries/ (YYYY/MM/<stamp>-<type>-<author>.md). */
export interface WalkRoot {
  under: string;
  /** which of its files count (e.g. only the reader's own private entries, once the reader is known) */
  keep?: Promise<(file: EntryFile) => boolean>;
  /** whether files that are not entries there are reported */
  reportStrays: boolean;
}

/**
 * The entry files of a journal for one reading command, walked newest first one month folder
 * at a time, so `log -n 20` or `show last` lists a folder or two instead of 10,000 names.
 * Several roots (the shared entries and the reader's private ones) are merged month by month.
 * Each folder is listed at most once per command, whoever asks, and its strays reported then.
 * A file's month folder is the one its stamp names (naming.ts): a file put in another folder by
 * hand is found where the walk passes that folder.
 */
export class EntryWalk {
  private monthKeys?: Promise<string[]>;
  /** which roots have each `YYYY/MM` folder, so a root is never asked for a folder it lacks */
  private readonly rootsOf = new Map<string, WalkRoot[]>();
  /** each folder's listing, with the strays found in it (reported when the walk itself passes it) */
  private readonly listings = new Map<string, Promise<MonthListing>>();
  /** each folder's listing once the walk has passed it, its strays reported */
  private readonly passed = new Map<string, Promise<MonthListing>>();
  private readonly months = new Map<string, Promise<EntryFile[]>>();
  private readonly around = new Map<string, Promise<string[]>>();
  private readonly shortAround = new Map<string, Promise<(id: string) => string>>();
  private readonly ids = new Map<string, Promise<string[]>>();
  private namesListed = 0;

  constructor(
    private readonly journalDir: string,
    private readonly roots: WalkRoot[],
    private readonly report: (problem: EntryProblem) => void,
  ) {}

  /** Every `YYYY/MM` folder in any root, newest first (the year folders are all listed). */
  folders(): Promise<string[]> {
    if (!this.monthKeys) {
      this.monthKeys = this.listFolders();
      this.monthKeys.catch(() => undefined); // as for month()
    }
    return this.monthKeys;
  }

  /**
   * The files of one `YYYY/MM` folder in every root, newest first by id (once folders() is
   * known); its strays are reported the first time.
   */
  private month(key: string): Promise<EntryFile[]> {
    return madeOnce(this.months, key, () => this.pass(key).then((listing) => this.filesOf(listing)));
  }

  /** One folder's listing as the walk passes it: its strays are reported the first time. */
  private pass(key: string): Promise<MonthListing> {
    return madeOnce(this.passed, key, () =>
      this.listing(key).then((listing) => {
        for (const stray of listing.strays) this.report(stray);
        return listing;
      }),
    );
  }

  /** A listing's entry files, newest first by id: all, or those whose path `wanted` takes. */
  private async filesOf({ roots }: MonthListing, wanted?: (relPath: string) => boolean): Promise<EntryFile[]> {
    const files: EntryFile[] = [];
    for (const { root, folder, names } of roots) {
      const keep = root.keep ? await root.keep : undefined;
      for (const name of names) {
        if (wanted && !wanted(`${folder}/${name}`)) continue;
        const file = entryFileIn(folder, name);
        if (!keep || keep(file)) files.push(file);
      }
    }
    return files.sort(byId).reverse();
  }

  /**
   * The ids in one `YYYY/MM` folder of every root, sorted, as the walk passes it (so its strays
   * are reported), made once: grep's hits ask for each folder's ids and its neighbours'.
   */
  private idsIn(key: string): Promise<string[]> {
    return madeOnce(this.ids, key, () => this.listIds(key));
  }

  private async listIds(key: string): Promise<string[]> {
    const made = this.months.get(key);
    if (made) return (await made).map((file) => file.id).sort();
    const { roots } = await this.pass(key);
    // A root kept by owner needs each name read; the others' ids are their names.
    if (roots.some(({ root }) => root.keep))
      return (await this.filesOf({ roots, strays: [] })).map((file) => file.id).sort();
    return roots.flatMap(({ names }) => names.map((name) => name.slice(0, -'.md'.length))).sort();
  }

  /** One folder listed once, whoever asks (month() reports its strays). */
  private listing(key: string): Promise<MonthListing> {
    return madeOnce(this.listings, key, () => this.listMonth(key));
  }

  /** Entry files newest first, in the folders `mayHold` allows; the next folder is listed while one is read. */
  async *newestFirst(mayHold: FolderTest = ANY_FOLDER): AsyncGenerator<EntryFile> {
    const keys = (await this.folders()).filter((key) => holds(mayHold, key));
    for (const [index, key] of keys.entries()) {
      const files = await this.month(key);
      const next = keys[index + 1];
      if (next !== undefined) void this.month(next);
      yield* files;
    }
  }

  /** Entry files oldest first, in the folders `mayHold` allows, one folder at a time (to find the oldest of some). */
  async *oldestFirst(mayHold: FolderTest = ANY_FOLDER): AsyncGenerator<EntryFile> {
    const keys = (await this.folders()).filter((key) => holds(mayHold, key)).reverse();
    for (const key of keys) yield* [...(await this.month(key))].reverse();
  }

  /** Every file in the folders `mayHold` allows, newest first, all folders listed at once (for a command that reads them all). */
  async all(mayHold: FolderTest = ANY_FOLDER): Promise<EntryFile[]> {
    const keys = (await this.folders()).filter((key) => holds(mayHold, key));
    return (await Promise.all(keys.map((key) => this.month(key)))).flat();
  }

  /**
   * The files whose path `wanted` takes, in the folders `mayHold` allows, newest first. Every
   * folder is listed at once (and its strays reported) as all() does, while `wanting` is
   * answered, but only the files wanted are made into entries: grep, told by git which files
   * hold the words, reads a few hundred names of 50,000. All files, when `wanting` gives none.
   */
  async among(
    wanting: Promise<((relPath: string) => boolean) | undefined>,
    mayHold: FolderTest = ANY_FOLDER,
  ): Promise<EntryFile[]> {
    const keys = (await this.folders()).filter((key) => holds(mayHold, key));
    const listings = keys.map((key) => this.pass(key));
    const wanted = await wanting;
    if (!wanted) return this.all(mayHold);
    const lists = await Promise.all(
      keys.map(async (key, i) => {
        const made = this.months.get(key);
        if (made) return (await made).filter((file) => wanted(file.relPath));
        return this.filesOf(await listings[i]!, wanted);
      }),
    );
    return lists.flat();
  }

  /**
   * The files of one type (by name) in the `YYYY/MM` folders from `fromKey` to the newest,
   * newest first, looked for aside: a folder the walk has not listed is listed for those names
   * only, and neither kept nor its strays reported, so a look aside (the replies to what a
   * command shows) costs no more memory than what it finds and names no file in a folder the
   * command itself never reads. A few folders at a time.
   */
  async typeSince(typeSlug: string, fromKey: string): Promise<EntryFile[]> {
    const keys = (await this.folders()).filter((key) => key >= fromKey);
    const part = `-${typeSlug}-`;
    const found: EntryFile[] = [];
    for (let i = 0; i < keys.length; i += ASIDE_BATCH) {
      const lists = await Promise.all(
        keys.slice(i, i + ASIDE_BATCH).map(async (key) => {
          const listed = this.listings.get(key);
          // The part is in a name, never in the folders above it (YYYY/MM, no dashes).
          if (listed) return this.filesOf(await listed, (relPath) => relPath.includes(part));
          return this.filesOf(await this.listMonth(key, (name) => name.includes(part)));
        }),
      );
      for (const files of lists) for (const file of files) if (file.typeSlug === typeSlug) found.push(file);
    }
    return found;
  }

  /** Lists the newest folder `mayHold` allows ahead of need, e.g. while git tells who is reading. */
  warmUp(mayHold: FolderTest = ANY_FOLDER): void {
    const first = this.folders().then((keys) => {
      const key = keys.find((k) => holds(mayHold, k));
      if (key !== undefined) void this.month(key);
    });
    first.catch(() => undefined);
  }

  async isEmpty(): Promise<boolean> {
    for await (const _file of this.newestFirst()) return false;
    return true;
  }

  /**
   * The ids that decide how short each of `files`' ids can be (see shortIds): those of their own
   * folders and of the nearest non-empty folder on either side, which hold each id's neighbours
   * in the sorted list of all ids.
   */
  async idsAround(files: Array<Pick<EntryFile, 'relPath'>>): Promise<string[]> {
    const around = await Promise.all(
      [...new Set(files.map((file) => folderKey(file.relPath)))].map((key) => this.foldersAround(key)),
    );
    // Each folder once, even when it neighbours several: a repeated id would read as a twin.
    const lists = await Promise.all([...new Set(around.flat())].map((key) => this.idsIn(key)));
    return lists.flat();
  }

  /**
   * How short each id of one file's folder can be, among the ids idsAround gives for it (made
   * once per folder: grep asks for every hit, and the hits of one folder share their
   * neighbours). Each folder's ids are sorted once and halved for each hit, never merged.
   */
  shortIdsAround(file: Pick<EntryFile, 'relPath'>): Promise<(id: string) => string> {
    const key = folderKey(file.relPath);
    return madeOnce(this.shortAround, key, () =>
      this.foldersAround(key)
        .then((keys) => Promise.all(keys.map((around) => this.idsIn(around))))
        .then((lists) => (id: string) => shortIdInSortedLists(id, lists)),
    );
  }

  /** A folder and the nearest non-empty folder on each side. */
  private foldersAround(key: string): Promise<string[]> {
    return madeOnce(this.around, key, () => this.listAround(key));
  }

  private async listAround(key: string): Promise<string[]> {
    const keys = await this.folders();
    const index = keys.indexOf(key);
    const include = [key];
    for (const step of [-1, 1]) {
      for (let j = index + step; j >= 0 && j < keys.length; j += step) {
        const neighbour = keys[j]!;
        include.push(neighbour);
        if ((await this.idsIn(neighbour)).length > 0) break;
      }
    }
    return include;
  }

  private strayReport(root: WalkRoot): StrayReport {
    return root.reportStrays
      ? (relPath, reason) => this.report({ relPath, reason: reason ?? STRAY_REASON })
      : () => undefined;
  }

  private async listFolders(): Promise<string[]> {
    for (const root of this.roots) {
      const stray = this.strayReport(root);
      const years = await datedFolders(this.journalDir, root.under, '', YEAR_FOLDER, stray);
      // All years listed at once; their strays are reported in order afterwards.
      const strays: Array<Array<[string, string | undefined]>> = years.map(() => []);
      const months = await Promise.all(
        years.map((year, i) =>
          datedFolders(this.journalDir, root.under, year, MONTH_FOLDER, (relPath, reason) =>
            strays[i]!.push([relPath, reason]),
          ),
        ),
      );
      for (const [relPath, reason] of strays.flat()) stray(relPath, reason);
      years.forEach((year, i) => {
        for (const month of months[i]!) {
          const key = `${year}/${month}`;
          this.rootsOf.set(key, [...(this.rootsOf.get(key) ?? []), root]);
        }
      });
    }
    return [...this.rootsOf.keys()].sort().reverse();
  }

  private async listMonth(key: string, only?: (name: string) => boolean): Promise<MonthListing> {
    const [year = '', month = ''] = key.split('/');
    const roots: RootNames[] = [];
    const strays: EntryProblem[] = [];
    for (const root of this.rootsOf.get(key) ?? []) {
      const stray: StrayReport = root.reportStrays
        ? (relPath, reason) => strays.push({ relPath, reason: reason ?? STRAY_REASON })
        : () => undefined;
      const folder = `${root.under}/${year}/${month}`;
      const names = await monthNames(this.journalDir, folder, stray, only);
      this.namesListed += names.length;
      if (this.namesListed > MANY_NAMES) keepYoungGenerationSmall();
      roots.push({ root, folder, names });
    }
    return { roots, strays };
  }
}

/** The entry file names of one `YYYY/MM` folder in one root. */
interface RootNames {
  root: WalkRoot;
  /** `under/YYYY/MM` */
  folder: string;
  names: string[];
}

interface MonthListing {
  roots: RootNames[];
  /** files there that are not entries, in listing order */
  strays: EntryProblem[];
}

/**
 * Past this many names listed, a walk keeps V8's young generation small (heap.ts): the names
 * live to the end of the command, and V8, seeing them survive, grew the young generation to
 * 32 MiB while grep listed 50,000 of them (its peak 105 MiB, 81 MiB with this; the same time,
 * 1.02×). Below it nothing changes: held small from the start, grep on 10,000 entries took
 * 1.17× as long.
 */
const MANY_NAMES = 15_000;

/** How many folders a look aside lists at once. */
const ASIDE_BATCH = 8;

/** Whether `YYYY/MM` passes as a year and as a month. */
function holds(mayHold: FolderTest, key: string): boolean {
  const year = key.slice(0, 4);
  return mayHold(year) && mayHold(year + key.slice(5));
}

/**
 * What `made` maps `key` to, made by `make` the first time, so each folder is listed, passed or
 * worked out once per command whoever asks. Much is made ahead of need (the next folder while
 * one is read): a failure surfaces where it is awaited, never as an unhandled rejection.
 */
function madeOnce<T>(made: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let value = made.get(key);
  if (!value) {
    value = make();
    value.catch(() => undefined);
    made.set(key, value);
  }
  return value;
}

/** `YYYY/MM` of a file under any root. */
function folderKey(relPath: string): string {
  const parts = relPath.split('/');
  return `${parts[parts.length - 3]}/${parts[parts.length - 2]}`;
}
