import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addDays } from 'date-fns';
import { type Attachment, attachmentOf, withAttachments } from '../../src/store/attachments.js';
import { type Entry, serializeEntry } from '../../src/store/entry.js';
import { entryLocation, slugify, utcStamp } from '../../src/store/naming.js';
import { type Answers, answersToEntry } from '../../src/templates/answers.js';
import { loadTemplates } from '../../src/templates/load.js';
import type { Template } from '../../src/templates/schema.js';
import { git, newUser, runCli } from './cli.js';

/**
 * A couple's journal of sixteen weeks, made with the built-in templates' own answer-to-entry
 * code (so the files are exactly what the prompts would write): both partners' Sunday
 * check-ins with ratings, concerns, promises and the next week's review of them, gratitudes for
 * each other, date nights, a repair, a daily pulse, one entry of a template the journal does
 * not have, and one full of markup and escape sequences. Every text is unique, so a test can
 * look for each one in what a view prints. Some entries have attached files (photos with
 * their location taken out, as --attach keeps them, and a ticket); the hostile entry lists
 * files a partner's clone could point at (outside the journal, a link, this computer's own).
 */
export interface CoupleJournal {
  home: string;
  env: NodeJS.ProcessEnv;
  dir: string;
  /** every entry written, oldest first, with its id */
  entries: Array<{ id: string; entry: Entry }>;
  /** Monday of the first week and Sunday of the last */
  first: string;
  last: string;
  /** the check-ins' weeks, as their Mondays */
  weeks: string[];
  /** every attached file written, from the journal's folder */
  attachments: string[];
  /** what the hostile entry lists as its attachments (none of them may be read) */
  hostileAttachments: string[];
}

const PHOTOS = path.join(import.meta.dirname, '..', 'fixtures', 'photos');

/** A fixture file as --attach would keep it: photos without their location. */
function attachment(given: string): Attachment {
  return attachmentOf(
    given,
    given.endsWith('.pdf') ? Buffer.from('%PDF-1.4 two tickets\n') : readFileSync(path.join(PHOTOS, given)),
  );
}

export const PARTNERS = ['Alex', 'Jordan'] as const;
const OUTCOMES = ['kept', 'partly', 'not yet'];
const FEELINGS = [['happy', 'close'], ['tired', 'hopeful'], ['calm'], ['stressed', 'loved']];

/** Writer's clock: Alex in Berlin (+01:00), Jordan in London (+00:00), as their entries say. */
function writtenAt(day: string, hour: number, author: string): { instant: Date; iso: string } {
  const offset = author === 'Alex' ? 60 : 0;
  const instant = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  instant.setUTCMinutes(instant.getUTCMinutes() - offset);
  const sign = offset >= 0 ? '+' : '-';
  const iso = `${day}T${String(hour).padStart(2, '0')}:00:00${sign}${String(Math.floor(offset / 60)).padStart(2, '0')}:00`;
  return { instant, iso };
}

function dayPlus(day: string, days: number): string {
  return addDays(new Date(`${day}T12:00:00Z`), days)
    .toISOString()
    .slice(0, 10);
}

export async function makeCoupleJournal(
  options: { weeks?: number; firstMonday?: string } = {},
): Promise<CoupleJournal> {
  const { home, env } = newUser();
  const dir = path.join(home, 'journal');
  const init = await runCli(['init', dir, '--me', 'Alex', '--partner', 'Jordan'], { env });
  if (init.code !== 0) throw new Error(init.stderr);
  const set = await loadTemplates(undefined);
  const template = (name: string): Template => {
    const found = set.templates.get(name)?.template;
    if (!found) throw new Error(`no built-in template ${name}`);
    return found;
  };
  const weekCount = options.weeks ?? 16;
  const firstMonday = options.firstMonday ?? '2026-08-03';
  const entries: Array<{ id: string; entry: Entry }> = [];
  const names = new Set<string>();
  const attached: string[] = [];
  const write = (given: Entry, instant: Date, files: string[] = []) => {
    const kept = files.map(attachment);
    const month = `attachments/${instant.toISOString().slice(0, 4)}/${instant.toISOString().slice(5, 7)}`;
    const paths = kept.map((a) => `${month}/${utcStamp(instant)}-${slugify(given.author)}-${a.name}`);
    for (const [i, a] of kept.entries()) {
      mkdirSync(path.join(dir, month), { recursive: true, mode: 0o700 });
      writeFileSync(path.join(dir, paths[i]!), a.bytes, { mode: 0o600 });
    }
    attached.push(...paths);
    const entry = withAttachments(given, paths, kept);
    const location = entryLocation(instant, entry.type, entry.author);
    let name = location.stem;
    for (let n = 2; names.has(`${location.dir}/${name}`); n++) name = `${location.stem}-${n}`;
    names.add(`${location.dir}/${name}`);
    mkdirSync(path.join(dir, location.dir), { recursive: true, mode: 0o700 });
    writeFileSync(path.join(dir, location.dir, `${name}.md`), serializeEntry(entry), { mode: 0o600 });
    entries.push({ id: name, entry });
  };
  const fromTemplate = (
    name: string,
    author: string,
    day: string,
    hour: number,
    answers: Answers,
    previous: string[] = [],
    files: string[] = [],
  ) => {
    const { instant, iso } = writtenAt(day, hour, author);
    const entry = answersToEntry(template(name), answers, {
      author,
      date: iso,
      ctx: { previousCommitments: previous },
    });
    write(entry, instant, files);
    return entry;
  };

  const promises: Record<string, string[]> = { Alex: [], Jordan: [] };
  const weeks: string[] = [];
  for (let w = 0; w < weekCount; w++) {
    const monday = dayPlus(firstMonday, 7 * w);
    weeks.push(monday);
    const sunday = dayPlus(monday, 6);
    for (const [p, author] of PARTNERS.entries()) {
      const other = PARTNERS[1 - p]!;
      // Gratitudes for each other on two or three days a week.
      for (const offset of w % 2 === 0 ? [1, 3, 5] : [2, 4]) {
        const { instant, iso } = writtenAt(dayPlus(monday, offset), 8 + p, author);
        write(
          {
            type: 'gratitude',
            author,
            date: iso,
            tags: [],
            fields: { for: other },
            body: `## What I'm grateful for\n\n${author} thanks ${other} for thing ${w}.${offset}\n`,
          },
          instant,
          w === weekCount - 2 && offset === 2 && author === 'Alex' ? ['sunset.webp'] : [],
        );
      }
      // A pulse most days; Jordan's dips in weeks 12 to 14.
      for (let d = 0; d < 7; d++) {
        if ((d + p + w) % 4 === 3) continue;
        const low = author === 'Jordan' && w >= 12 && w <= 14;
        const value = low ? 2 : 3 + ((d + w + p) % 3);
        fromTemplate(
          'pulse',
          author,
          dayPlus(monday, d),
          21,
          { pulse: value, ...(d === 2 ? { note: `${author} pulse note ${w}` } : {}) },
          [],
          w === weekCount - 2 && d === 2 && author === 'Jordan' ? ['gps.png'] : [],
        );
      }
      // Sunday's check-in, looking back at last week's promise.
      const previous = promises[author]!;
      const concern = (w + p) % 3 === 0;
      const connection = author === 'Jordan' && w >= weekCount - 3 ? 2 : 3 + ((w + p) % 3);
      const answers: Answers = {
        appreciation_1: `${author} appreciates ${other} w${w} one`,
        appreciation_2: `${author} appreciates ${other} w${w} two`,
        ...(w % 2 === 0 ? { appreciation_3: `${author} appreciates ${other} w${w} three` } : {}),
        went_well: `${author} went well w${w}: the walk on Tuesday`,
        feelings: FEELINGS[(w + p) % FEELINGS.length]!,
        connection,
        communication: 2 + ((w * 3 + p) % 4),
        affection: 3 + ((w + 2 * p) % 3),
        fun: 1 + ((w + p) % 5),
        support: 4 + ((w + p) % 2),
        has_concern: concern,
        ...(concern
          ? { concern: `${author} concern w${w}: I feel rushed about mornings and I need ten quiet minutes` }
          : {}),
        heard: `${author} heard w${w}: ${other} needs more rest`,
        commitment: `${author} promise w${w}: cook on Wednesday`,
        ...(previous.length > 0 ? { review: previous.map((_, i) => OUTCOMES[(w + p + i) % OUTCOMES.length]!) } : {}),
      };
      const entry = fromTemplate('checkin', author, sunday, 18 + p, answers, previous);
      promises[author] = (entry.fields.commitments as string[] | undefined) ?? [];
    }
    // A date night every other week, a repair once a month.
    if (w % 2 === 1) {
      const author = PARTNERS[w % 4 === 1 ? 0 : 1];
      fromTemplate(
        'date',
        author,
        dayPlus(monday, 4),
        22,
        {
          what: `date night w${w}: picnic by the lake`,
          kind: 'being outdoors',
          enjoyment: 4 + (w % 2),
          minutes: 150,
          best_moment: `best moment w${w}: the sunset`,
          planned_next: true,
          next_date: `next date after w${w}: cinema`,
        },
        [],
        w >= weekCount - 4 ? ['date-night.jpg', 'tickets.pdf'] : [],
      );
    }
    if (w % 4 === 2) {
      fromTemplate('repair', PARTNERS[1], dayPlus(monday, 2), 20, {
        what_happened: `repair w${w}: the dishes on Wednesday`,
        feelings: ['hurt', 'tired'],
        my_reality: `repair w${w}: I saw it as being left alone with it`,
        my_next_time: `repair w${w}: ask for help earlier`,
      });
    }
  }
  // A template this journal does not have (a partner's, not synced yet, or deleted).
  const { instant, iso } = writtenAt(dayPlus(firstMonday, 12), 10, 'Alex');
  write(
    {
      type: 'weekend',
      author: 'Alex',
      date: iso,
      tags: ['away'],
      fields: { template: 'weekend', rested: true, how_was_it: 4, places: ['lake', 'market'], has_concern: false },
      body: '## Best part\n\nweekend best part: the lake swim\n',
    },
    instant,
  );
  // Markup, outside references and escape sequences: they must show as text and do nothing.
  const hostile = writtenAt(dayPlus(firstMonday, 20), 9, 'Jordan');
  write(
    {
      type: 'gratitude',
      author: 'Jordan',
      date: hostile.iso,
      tags: [],
      fields: { for: 'Alex' },
      body:
        "## What I'm grateful for\n\n" +
        'hostile words <script>alert("x")</script> <img src="https://example.com/pixel.png"> ' +
        '<link rel="stylesheet" href="http://example.com/x.css"> & \u001b[2J\u001b]52;c;aGk=\u0007 done\n',
    },
    hostile.instant,
  );
  // What a partner's clone could list: outside the journal, this computer's own files, a link
  // out of the journal (committed as a link), a path intimacy never writes.
  const linkPath = `attachments/${hostile.iso.slice(0, 4)}/${hostile.iso.slice(5, 7)}/20260801T000000Z-jordan-link.jpg`;
  mkdirSync(path.join(dir, path.dirname(linkPath)), { recursive: true });
  writeFileSync(path.join(home, 'secret.jpg'), readFileSync(path.join(PHOTOS, 'base.jpg')));
  symlinkSync(path.join(home, 'secret.jpg'), path.join(dir, linkPath));
  const hostileAttachments = [
    '../secret.jpg',
    '/etc/passwd',
    '.intimacy/private/attachments/2026/08/mine.jpg',
    linkPath,
    'attachments/2026/08/<img src=x onerror=alert(1)>.jpg',
  ];
  const last = entries.findIndex((e) => e.entry.body.includes('hostile words'));
  const hostileEntry = {
    ...entries[last]!.entry,
    fields: { ...entries[last]!.entry.fields, attachments: hostileAttachments },
  };
  entries[last] = { id: entries[last]!.id, entry: hostileEntry };
  const hostileLocation = entryLocation(hostile.instant, 'gratitude', 'Jordan');
  writeFileSync(path.join(dir, hostileLocation.dir, `${entries[last]!.id}.md`), serializeEntry(hostileEntry));
  entries.sort((a, b) => Date.parse(a.entry.date) - Date.parse(b.entry.date) || (a.id < b.id ? -1 : 1));
  git(dir, ['add', '-A'], env);
  git(
    dir,
    ['-c', 'user.name=Seed', '-c', 'user.email=seed@example.org', 'commit', '-q', '-m', 'A couple’s months'],
    env,
  );
  return {
    home,
    env,
    dir,
    entries,
    first: firstMonday,
    last: dayPlus(firstMonday, 7 * weekCount - 1),
    weeks,
    attachments: attached,
    hostileAttachments,
  };
}
