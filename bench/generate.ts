import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { initJournal } from '../src/journal/journal.js';
import { type Entry, serializeEntry } from '../src/store/entry.js';
import { DIR_MODE, FILE_MODE } from '../src/store/files.js';
import { candidateFileName, entryLocation } from '../src/store/naming.js';
import { ENTRY_TYPES, type EntryType, makeEntry, TYPE_SHARES } from './content.js';
import { Random } from './random.js';

/**
 * Writes a realistic journal straight to disk: files in the on-disk format of src/journal
 * (serializeEntry, entryLocation, modes 0600/0700), committed a year at a time so that ten
 * years take seconds, then pushed to a local bare remote for `sync`. Entries, commit dates and
 * authors all come from the seed, so every run writes the same history.
 */
export const PARTNERS = ['Alex', 'Jordan'] as const;

export interface GenerateOptions {
  journalDir: string;
  /** a bare repository created and pushed to; none when omitted */
  remoteDir?: string;
  entries?: number;
  years?: number;
  seed?: number;
  /** the moment the journal ends; fixed so that every run writes the same journal */
  end?: Date;
  /** told of every entry written, in order, with its moment (for the peers' copies) */
  onEntry?: (entry: Entry, when: Date) => void;
}

export interface GenerateResult {
  journalDir: string;
  remoteDir?: string;
  entries: number;
  byType: Record<string, number>;
  byAuthor: Record<string, number>;
  commits: number;
  ms: number;
}

const DAY_MS = 86_400_000;
export const DEFAULT_END = new Date('2026-11-22T21:00:00Z');

interface Planned {
  type: EntryType;
  author: string;
  when: Date;
}

/** When each entry is written: check-ins by both on the same evening, the rest scattered. */
function plan(count: number, years: number, end: Date, random: Random): Planned[] {
  const firstDay = Math.floor((end.getTime() - years * 365.25 * DAY_MS) / DAY_MS) * DAY_MS;
  const days = Math.floor((end.getTime() - firstDay) / DAY_MS);
  const counts = new Map<EntryType, number>();
  for (const type of ENTRY_TYPES) counts.set(type, Math.floor(count * TYPE_SHARES[type]));
  const planned = [...counts.values()].reduce((a, b) => a + b, 0);
  counts.set('gratitude', (counts.get('gratitude') ?? 0) + count - planned);

  const result: Planned[] = [];
  const checkins = counts.get('checkin') ?? 0;
  const evenings = Math.ceil(checkins / 2);
  for (let i = 0; i < evenings; i++) {
    const day = firstDay + Math.floor(((i + 0.5) * days) / evenings) * DAY_MS;
    const evening = day + 18 * 3_600_000 + random.int(0, 150) * 60_000;
    for (let k = 0; k < 2 && result.length < checkins; k++) {
      result.push({
        type: 'checkin',
        author: PARTNERS[k] ?? 'Alex',
        when: new Date(evening + k * random.int(2, 40) * 60_000),
      });
    }
  }
  for (const type of ENTRY_TYPES) {
    if (type === 'checkin') continue;
    for (let i = 0; i < (counts.get(type) ?? 0); i++) {
      // Somewhere between seven in the morning and eleven at night.
      const when = firstDay + random.int(0, days - 1) * DAY_MS + 7 * 3_600_000 + random.int(0, 16 * 3600 - 1) * 1000;
      result.push({ type, author: random.pick(PARTNERS), when: new Date(when) });
    }
  }
  return result.sort((a, b) => a.when.getTime() - b.when.getTime());
}

/**
 * glibc grows and trims git's heap with a brk() call at a time; on some virtual machines each
 * call is slow enough to make fast-import of ten years thirty times slower (20 s instead of
 * 0.5 s). A padding of 64 MiB avoids that; it only touches the generator's own git runs.
 */
const GIT_ENV = { ...process.env, MALLOC_TOP_PAD_: String(64 * 1024 * 1024) };

function run(cwd: string, args: string[]): void {
  const result = spawnSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr || result.error?.message}`);
}

/**
 * One `git fast-import` stream with a commit per year: it writes a single pack instead of
 * 10,000 loose objects (which `git add` makes, at a few milliseconds each on a slow disk),
 * and a ten-year-old repository is packed anyway.
 */
class ImportStream {
  private readonly chunks: Buffer[] = [];
  private first = true;

  commit(author: string, when: Date, message: string, files: Array<{ relPath: string; content: string }>): void {
    const stamp = `${author} <${author.toLowerCase()}@example.invalid> ${Math.floor(when.getTime() / 1000)} +0000`;
    this.text(`commit refs/heads/main\nauthor ${stamp}\ncommitter ${stamp}\n`);
    this.data(message);
    // The first commit continues the history that init started.
    if (this.first) this.text('from refs/heads/main^0\n');
    this.first = false;
    for (const file of files) {
      this.text(`M 100644 inline ${file.relPath}\n`);
      this.data(file.content);
    }
    this.text('\n');
  }

  run(cwd: string): void {
    this.text('done\n');
    const result = spawnSync('git', ['fast-import', '--quiet', '--done'], {
      cwd,
      env: GIT_ENV,
      input: Buffer.concat(this.chunks),
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`git fast-import failed: ${result.stderr || result.error?.message}`);
  }

  private text(text: string): void {
    this.chunks.push(Buffer.from(text, 'utf8'));
  }

  private data(content: string): void {
    const bytes = Buffer.from(content, 'utf8');
    this.chunks.push(Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from('\n'));
  }
}

export async function generateJournal(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const count = options.entries ?? 10_000;
  const years = options.years ?? 10;
  const end = options.end ?? DEFAULT_END;
  const random = new Random(options.seed ?? 20261125);
  const journalDir = path.resolve(options.journalDir);
  const [me, partner] = PARTNERS;

  // The journal itself (settings, .gitignore, first commit) comes from the real init code,
  // dated ten years back like the entries after it.
  const began = new Date(end.getTime() - years * 365.25 * DAY_MS);
  const dated = { ...process.env, GIT_AUTHOR_DATE: began.toISOString(), GIT_COMMITTER_DATE: began.toISOString() };
  await initJournal({ dir: journalDir, meFlag: me, env: dated, now: () => began }, { partner, rememberMe: true });

  const byType: Record<string, number> = {};
  const byAuthor: Record<string, number> = {};
  const madeDirs = new Set<string>();
  const usedPaths = new Set<string>();
  const stream = new ImportStream();
  let commits = 1;
  let year: { name: string; files: Array<{ relPath: string; content: string }>; last: Planned } | undefined;
  const commitYear = (): void => {
    if (!year) return;
    stream.commit(year.last.author, year.last.when, `Entries of ${year.name}`, year.files);
    commits++;
  };

  for (const item of plan(count, years, end, random)) {
    const other = item.author === me ? partner : me;
    const entry = makeEntry({ type: item.type, author: item.author, partner: other, when: item.when, random });
    const location = entryLocation(item.when, entry.type, entry.author);
    const yearName = location.dir.split('/')[1] ?? '';
    if (yearName !== year?.name) {
      commitYear();
      year = { name: yearName, files: [], last: item };
    }
    year.last = item;
    const dir = path.join(journalDir, location.dir);
    if (!madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true, mode: DIR_MODE });
      for (let d = dir; d.startsWith(journalDir + path.sep); d = path.dirname(d)) chmodSync(d, DIR_MODE);
      madeDirs.add(dir);
    }
    let attempt = 1;
    while (usedPaths.has(`${location.dir}/${candidateFileName(location.stem, attempt)}`)) attempt++;
    const relPath = `${location.dir}/${candidateFileName(location.stem, attempt)}`;
    usedPaths.add(relPath);
    const content = serializeEntry(entry);
    const file = path.join(journalDir, relPath);
    writeFileSync(file, content, { mode: FILE_MODE, flag: 'wx' });
    chmodSync(file, FILE_MODE); // the umask is not ours to trust
    year.files.push({ relPath, content });
    options.onEntry?.(entry, item.when);
    byType[entry.type] = (byType[entry.type] ?? 0) + 1;
    byAuthor[entry.author] = (byAuthor[entry.author] ?? 0) + 1;
  }
  commitYear();
  stream.run(journalDir);
  // The index learns the imported commits; the files on disk already match them.
  run(journalDir, ['reset', '--quiet']);

  let remoteDir: string | undefined;
  if (options.remoteDir) {
    remoteDir = path.resolve(options.remoteDir);
    mkdirSync(path.dirname(remoteDir), { recursive: true });
    run(path.dirname(remoteDir), ['init', '--quiet', '--bare', '--initial-branch=main', remoteDir]);
    run(journalDir, ['remote', 'add', 'origin', remoteDir]);
    run(journalDir, ['push', '--quiet', '--set-upstream', 'origin', 'main']);
  }
  return { journalDir, remoteDir, entries: count, byType, byAuthor, commits, ms: performance.now() - started };
}
