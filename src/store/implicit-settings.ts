/**
 * What intimacy.yaml means by a setting it leaves out, where that is more than "nothing": a
 * journal without `rituals:` keeps these four. Part of the on-disk contract, so kept here, where
 * both the rituals (rituals/definitions.ts) and a merge of two versions of the file
 * (journal/settings-merge.ts) read it: to a merge, a file without `rituals:` has these.
 */
export const IMPLICIT_RITUALS = {
  checkin: { counts: ['checkin'], cadence: 'weekly', who: 'together' },
  gratitude: { counts: ['gratitude'], cadence: '3/week', who: 'each' },
  date: { counts: ['date'], cadence: 'every 2 weeks', who: 'either' },
  repair: { counts: ['repair'], cadence: 'as needed', who: 'either' },
} as const;

export const IMPLICIT_SETTINGS: Readonly<Record<string, unknown>> = { rituals: IMPLICIT_RITUALS };
