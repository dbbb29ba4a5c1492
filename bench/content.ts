import { GRATITUDE_HEADING } from '../src/app/gratitude-entry.js';
import type { Entry } from '../src/store/entry.js';
import { isoWithOffset } from '../src/store/entry-date.js';
import type { Random } from './random.js';

/**
 * What a couple writes over ten years, put together from phrase lists: every entry type the
 * templates write, with front matter fields and `## ` headings shaped like the real ones.
 * The benchmark searches for GREP_WORD, which a few entries in a hundred mention.
 */
export const GREP_WORD = 'lighthouse';

export const ENTRY_TYPES = ['checkin', 'gratitude', 'appreciation', 'reflection', 'date', 'repair'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

/** Share of each type in the journal: a weekly check-in by both, notes most days. */
export const TYPE_SHARES: Record<EntryType, number> = {
  checkin: 0.1,
  gratitude: 0.42,
  appreciation: 0.2,
  reflection: 0.15,
  date: 0.08,
  repair: 0.05,
};

export const RATING_KEYS = ['connection', 'communication', 'affection', 'fun', 'support'] as const;

const SMALL_THINGS = [
  'the coffee you brought me this morning',
  'fixing the sink without being asked',
  'our walk by the river',
  'the way you laughed at dinner',
  'letting me sleep in',
  'the note in my lunch box',
  'calling my mother',
  'carrying the groceries up four floors',
  'the playlist you made for the drive',
  'holding my hand at the doctor',
  'the soup when I was ill',
  'listening to me rant about work',
  'planning the weekend away',
  'the evening walk to the harbour',
  'warming the bed before I got in',
  'remembering the name of my colleague',
  'the flowers from the market',
  'picking me up from the station in the rain',
  'the long hug after a bad day',
  'reading aloud to me',
  'clearing the snow off my car',
  'your patience with the kids at bedtime',
];

const PLACES = [
  'the Italian place on the corner',
  'the cinema',
  'the beach',
  `the old ${GREP_WORD} cafe`,
  'the botanical garden',
  'home, with candles',
  'the night market',
  'the hills',
  'the jazz bar',
  'the museum',
];
const ACTIVITIES = [
  'dinner',
  'a film',
  'a long walk',
  'cooking together',
  'dancing',
  'a picnic',
  'a board game night',
  'a concert',
  'a day trip',
  'stargazing',
];
const DATE_KINDS = ['a date out', 'a date at home', 'something new', 'being outdoors', 'a trip', 'just hanging out'];
const TAGS = ['home', 'kids', 'work', 'travel', 'family', 'health', 'money', 'friends', 'weekend', 'holiday'];
const FEELINGS = [
  'hurt',
  'frustrated',
  'unheard',
  'tired',
  'stressed',
  'sad',
  'anxious',
  'defensive',
  'lonely',
  'disappointed',
  'overwhelmed',
  'angry',
];
const ISSUES = [
  'who does the dishes',
  'being late again',
  'money for the holiday',
  'my phone at dinner',
  'visiting your parents',
  "the kids' bedtime",
  'the thermostat',
  'forgetting to call',
  'working late all week',
  'the messy hallway',
];
const MOODS = [
  'I felt calm today and close to you.',
  'Work was heavy and I brought it home.',
  'I noticed how much lighter I feel after we talk.',
  'I want to make more time for my own friends.',
  'I have been thinking about what we want next year.',
  'I sat by the water for an hour and watched the boats.',
  'I was short with you and I want to do better.',
  'I miss the long Sunday mornings we used to have.',
  'Running again is helping my head.',
  'I am proud of what we built this year.',
];

function sentence(random: Random, items: readonly string[]): string {
  const text = random.pick(items);
  return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');
}

function paragraph(random: Random, items: readonly string[], min: number, max: number): string {
  return Array.from({ length: random.int(min, max) }, () => sentence(random, items)).join(' ');
}

function section(heading: string, text: string): string {
  return `## ${heading}\n\n${text}\n`;
}

function tags(random: Random): string[] {
  return random.chance(0.4) ? random.some(TAGS, random.int(1, 2)) : [];
}

export interface EntryInput {
  type: EntryType;
  author: string;
  partner: string;
  when: Date;
  random: Random;
}

export function makeEntry(input: EntryInput): Entry {
  const { random, author, partner } = input;
  const base = { author, date: isoWithOffset(input.when), tags: tags(random) };
  switch (input.type) {
    case 'checkin': {
      const ratings: Record<string, number> = {};
      for (const key of RATING_KEYS) ratings[key] = random.int(1, 5);
      return {
        ...base,
        type: 'checkin',
        fields: { template: 'checkin', ratings },
        body: [
          section(
            'Five appreciations from this week',
            random
              .some(SMALL_THINGS, 5)
              .map((t) => `- ${t}`)
              .join('\n'),
          ),
          section('What went well', paragraph(random, MOODS, 1, 3)),
          section(
            'One issue to work through',
            `I feel stressed about ${random.pick(ISSUES)}. I need us to decide it together.`,
          ),
          section('What can I do next week to make you feel more loved?', sentence(random, SMALL_THINGS)),
        ].join('\n'),
      };
    }
    case 'gratitude':
      return {
        ...base,
        type: 'gratitude',
        fields: { for: partner },
        body: section(GRATITUDE_HEADING, sentence(random, SMALL_THINGS)),
      };
    case 'appreciation':
      return {
        ...base,
        type: 'appreciation',
        fields: { template: 'appreciation', for: partner },
        body: section(
          'What I appreciate about you',
          `${sentence(random, SMALL_THINGS)} ${paragraph(random, MOODS, 0, 1)}`.trim(),
        ),
      };
    case 'reflection':
      return {
        ...base,
        type: 'reflection',
        fields: { template: 'reflection' },
        body: section(
          'On my mind',
          paragraph(
            random,
            random.chance(0.1) ? [...MOODS, `I walked out to the ${GREP_WORD} and thought about us.`] : MOODS,
            2,
            5,
          ),
        ),
      };
    case 'date':
      // Shaped like what `intimacy date` (template date.yaml) writes.
      return {
        ...base,
        type: 'date',
        fields: {
          template: 'date',
          kind: random.pick(DATE_KINDS),
          minutes: random.int(6, 48) * 10,
          planned_next: false,
          ratings: { enjoyment: random.int(2, 5) },
        },
        body: [
          section(
            'What we did',
            `${random.pick(ACTIVITIES)} at ${random.pick(PLACES)}. ${paragraph(random, SMALL_THINGS, 0, 1)}`.trim(),
          ),
          section('The best moment', sentence(random, SMALL_THINGS)),
        ].join('\n'),
      };
    case 'repair':
      return {
        ...base,
        type: 'repair',
        fields: { template: 'repair', feelings: random.some(FEELINGS, random.int(1, 3)), about: random.pick(ISSUES) },
        body: [
          section('My side of it', paragraph(random, MOODS, 1, 3)),
          section('What set me up', sentence(random, MOODS)),
          section('What I apologise for', `I am sorry about ${random.pick(ISSUES)}.`),
          section('One thing I will do next time', sentence(random, SMALL_THINGS)),
        ].join('\n'),
      };
  }
}
