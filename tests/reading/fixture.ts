import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Entry, serializeEntry } from '../../src/store/entry.js';
import { entryLocation } from '../../src/store/naming.js';
import { git, newUser, runCli, TEST_NOW } from '../helpers/cli.js';

/**
 * A journal of a few hundred entries by Alex and Jordan over three years, written straight to
 * disk with serializeEntry and committed once (fast), with malformed files mixed in.
 * Every entry sits at 12:xx UTC, far from any midnight, so day phrases are unambiguous.
 */
export interface FixtureEntry {
  id: string;
  relPath: string;
  type: string;
  author: string;
  instant: Date;
  tags: string[];
  body: string;
  /** how many days before today (UTC) */
  daysAgo: number;
}

export interface Fixture {
  home: string;
  env: NodeJS.ProcessEnv;
  dir: string;
  entries: FixtureEntry[];
  /** files that are not well-formed entries, by what is wrong with them */
  malformed: Record<'badYaml' | 'missingAuthor' | 'notUtf8' | 'empty' | 'huge' | 'stray' | 'oldBadYaml', string>;
}

const TYPES = ['gratitude', 'checkin', 'repair', 'date_night'];
const TAGS = ['home', 'work', 'travel', 'kids'];
const OFFSETS = [540, -300, 0, 60]; // minutes: Tokyo, New York, London, Paris
const WORDS = ['coffee', 'walk', 'dinner', 'rain', 'music', 'garden', 'letters', 'bread'];

/** A small deterministic generator, so a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** ISO 8601 as the writer's clock showed it, with their offset. */
function isoInZone(instant: Date, offsetMinutes: number): string {
  const clock = new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${clock}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Noon UTC of the day the commands run on (TEST_NOW). */
export function todayNoonUtc(): Date {
  const now = new Date(TEST_NOW);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 12, 0, 0));
}

export async function makeFixture(): Promise<Fixture> {
  const { home, env } = newUser();
  const dir = path.join(home, 'journal');
  const init = await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env });
  if (init.code !== 0) throw new Error(init.stderr);
  const noon = todayNoonUtc();
  const rand = random(42);
  const entries: FixtureEntry[] = [];

  const write = (relPath: string, content: string | Buffer) => {
    mkdirSync(path.join(dir, path.dirname(relPath)), { recursive: true });
    writeFileSync(path.join(dir, relPath), content);
  };
  const add = (daysAgo: number, minute: number, over: Partial<Entry> = {}, dateOverride?: string): FixtureEntry => {
    const instant = new Date(noon.getTime() - daysAgo * 86_400_000 + minute * 60_000);
    const author = over.author ?? (rand() < 0.5 ? 'Alex' : 'Jordan');
    const type = over.type ?? TYPES[Math.floor(rand() * TYPES.length)]!;
    const tags = over.tags ?? TAGS.filter(() => rand() < 0.3);
    const word = WORDS[Math.floor(rand() * WORDS.length)]!;
    const body =
      over.body ??
      `## What happened\n\nWe talked about ${word} on day ${daysAgo}.\nIt felt ${rand() < 0.5 ? 'warm' : 'honest'}.\n`;
    const fields = over.fields ?? (type === 'checkin' ? { connection: 1 + Math.floor(rand() * 5) } : {});
    const entry: Entry = {
      type,
      author,
      date: dateOverride ?? isoInZone(instant, OFFSETS[Math.floor(rand() * OFFSETS.length)]!),
      tags,
      fields,
      body,
    };
    const location = entryLocation(instant, type, author);
    const relPath = `${location.dir}/${location.stem}.md`;
    write(relPath, serializeEntry(entry));
    const item = {
      id: location.stem,
      relPath,
      type,
      author,
      instant: new Date(Date.parse(entry.date)),
      tags,
      body,
      daysAgo,
    };
    entries.push(item);
    return item;
  };

  // Every fourth day for three and a bit years.
  for (let i = 0; i < 300; i++) add(1 + 4 * i, Math.floor(rand() * 50));
  // Today, and on this day in earlier years (on-this-day).
  add(0, -60, {
    author: 'Alex',
    type: 'gratitude',
    tags: ['home'],
    body: '## Grateful\n\nThe lighthouse at dusk.\nYou said <script>alert("hi")</script> & laughed.\n',
  });
  for (const years of [1, 2]) {
    const then = new Date(noon);
    then.setUTCFullYear(noon.getUTCFullYear() - years);
    add(Math.round((noon.getTime() - then.getTime()) / 86_400_000), 55, {
      author: 'Jordan',
      type: 'date_night',
      tags: ['travel'],
      body: `## Where we went\n\nThe LIGHTHOUSE again, ${years} year(s) on.\n`,
    });
  }
  // Written far apart on the map: the file-name stamps say Y is newer, the dates say X is.
  const x = add(2, 30, { author: 'Jordan', type: 'repair', body: '## Repair\n\nzone-x: written in Tokyo.\n' });
  const xDate = isoInZone(new Date(x.instant.getTime() + 2 * 3_600_000), 540);
  const y = add(
    2,
    90,
    { author: 'Alex', type: 'repair', body: '## Repair\n\nzone-y: written in New York.\n' },
    isoInZone(new Date(noon.getTime() - 2 * 86_400_000 + 90 * 60_000), -300),
  );
  // X's date was corrected by hand to two hours after its stamp (within the day of slack).
  entries.splice(entries.indexOf(x), 1);
  const xEntry: Entry = { type: 'repair', author: 'Jordan', date: xDate, tags: [], fields: {}, body: x.body };
  write(x.relPath, serializeEntry(xEntry));
  entries.push({ ...x, instant: new Date(Date.parse(xDate)) });
  void y;

  const stamped = (daysAgo: number, rest: string) => {
    const location = entryLocation(new Date(noon.getTime() - daysAgo * 86_400_000 + 7 * 60_000), 'x', 'x');
    return `${location.dir}/${location.stem.slice(0, 16)}-${rest}.md`;
  };
  const front = (extra: string) => `---\ntype: "gratitude"\n${extra}tags: []\n---\n\n## Grateful\n\n`;
  const malformed: Fixture['malformed'] = {
    badYaml: stamped(3, 'gratitude-alex'),
    missingAuthor: stamped(9, 'gratitude-jordan'),
    notUtf8: stamped(15, 'gratitude-alex'),
    empty: stamped(21, 'checkin-jordan'),
    huge: stamped(27, 'gratitude-alex'),
    stray: `${entryLocation(new Date(noon.getTime() - 33 * 86_400_000), 'x', 'x').dir}/shopping list.txt`,
    oldBadYaml: stamped(1100, 'gratitude-alex'),
  };
  write(malformed.badYaml, '---\ntype: [gratitude\nauthor: "Alex"\n---\nlighthouse in a broken file\n');
  write(
    malformed.missingAuthor,
    front(`date: "${isoInZone(new Date(noon.getTime() - 9 * 86_400_000), 0)}"\n`) + 'lighthouse without an author\n',
  );
  write(
    malformed.notUtf8,
    Buffer.concat([
      Buffer.from(front('author: "Alex"\ndate: "2026-01-01T00:00:00Z"\n')),
      Buffer.from([0xff, 0xfe, 0x6c, 0x69, 0x67, 0x68, 0x74, 0x0a]),
    ]),
  );
  write(malformed.empty, '');
  write(malformed.huge, front('author: "Alex"\ndate: "2026-01-01T00:00:00Z"\n') + 'lighthouse '.repeat(110_000));
  write(malformed.stray, 'milk, eggs, lighthouse postcard\n');
  write(malformed.oldBadYaml, '---\n: : :\n---\n');

  git(dir, ['add', '-A'], env);
  git(
    dir,
    ['-c', 'user.name=Fixture', '-c', 'user.email=f@example.invalid', 'commit', '-q', '-m', 'Generated journal'],
    env,
  );
  return { home, env, dir, entries, malformed };
}

/** Newest first, by the instant each entry's date names. */
export function newestFirst(entries: FixtureEntry[]): FixtureEntry[] {
  return [...entries].sort((a, b) => b.instant.getTime() - a.instant.getTime());
}
