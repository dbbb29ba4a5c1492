/**
 * When the reminder runs: `--at "sun 19:00"`, `"19:00"` (every day), `"mon,thu 08:30"`,
 * `"weekdays 18:00"`, `"weekends 10:00"`. Pure: parsed once, then written as a systemd
 * calendar event or as crontab fields.
 */
export interface ReminderTime {
  /** days of the week, 0 = Sunday … 6 = Saturday, in order; all seven for every day */
  days: number[];
  hour: number;
  minute: number;
}

export const DEFAULT_TIME = 'daily 19:00';

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FULL_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const GROUPS: Record<string, number[]> = {
  daily: [0, 1, 2, 3, 4, 5, 6],
  everyday: [0, 1, 2, 3, 4, 5, 6],
  weekdays: [1, 2, 3, 4, 5],
  weekends: [0, 6],
};

/** The time, or why it is not one (a sentence to show the user). */
export function parseReminderTime(text: string): ReminderTime | string {
  const words = text
    .trim()
    .toLowerCase()
    .replace(/\bevery\s+day\b/g, 'daily')
    .replace(/\s*,\s*/g, ',')
    .split(/\s+/)
    .filter(Boolean);
  const clock = words.pop();
  const match = clock ? /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(clock) : null;
  if (!match) return clockProblem(text, clock ?? '');
  const dayWords = words.join(',').split(',').filter(Boolean);
  const days = new Set<number>();
  for (const word of dayWords.length === 0 ? ['daily'] : dayWords) {
    const group = Object.hasOwn(GROUPS, word) ? GROUPS[word] : undefined;
    const index = DAY_NAMES.indexOf(word.slice(0, 3));
    if (group) for (const day of group) days.add(day);
    else if (index >= 0 && (word.length === 3 || FULL_NAMES[index] === word)) days.add(index);
    else return `"${word}" is not a day (mon … sun, daily, weekdays or weekends)`;
  }
  return { days: [...days].sort(), hour: Number(match[1]), minute: Number(match[2]) };
}

/** Why the last word is not a time: said as precisely as the word allows. */
function clockProblem(text: string, clock: string): string {
  if (/^\d{1,2}:\d{2}$/.test(clock)) return `"${clock}" is not a time of day (00:00 to 23:59)`;
  if (/^\d{1,2}(:\d{2})?(am|pm)$/.test(clock))
    return `"${clock}": give the time on the 24-hour clock, such as ${twelveHour(clock)}`;
  if (Object.hasOwn(GROUPS, clock) || DAY_NAMES.includes(clock.slice(0, 3)))
    return `"${text.trim()}" has no time: add one, such as "${text.trim()} 19:00"`;
  return `"${text}" does not end with a time such as 19:00 (24-hour clock)`;
}

/** "7pm" → "19:00", "8:30am" → "08:30". */
function twelveHour(clock: string): string {
  const [, hours = '0', minutes = '00', half] = /^(\d{1,2})(?::(\d{2}))?(am|pm)$/.exec(clock) ?? [];
  const hour = (Number(hours) % 12) + (half === 'pm' ? 12 : 0);
  return `${twoDigits(hour)}:${minutes}`;
}

function everyDay(time: ReminderTime): boolean {
  return time.days.length === 7;
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/** `Sun,Thu *-*-* 19:00:00`, or `*-*-* 19:00:00` every day (systemd.time(7)). */
export function systemdCalendar(time: ReminderTime): string {
  const clock = `*-*-* ${twoDigits(time.hour)}:${twoDigits(time.minute)}:00`;
  if (everyDay(time)) return clock;
  const names = time.days.map((day) => DAY_NAMES[day]!.charAt(0).toUpperCase() + DAY_NAMES[day]!.slice(1, 3));
  return `${names.join(',')} ${clock}`;
}

/** The five crontab(5) fields: `0 19 * * 0,4`. */
export function cronFields(time: ReminderTime): string {
  return `${time.minute} ${time.hour} * * ${everyDay(time) ? '*' : time.days.join(',')}`;
}

/** For people: "every day at 19:00", "on Sun, Thu at 19:00". */
export function describeTime(time: ReminderTime): string {
  const clock = `${twoDigits(time.hour)}:${twoDigits(time.minute)}`;
  if (everyDay(time)) return `every day at ${clock}`;
  const names = time.days.map((day) => DAY_NAMES[day]!.charAt(0).toUpperCase() + DAY_NAMES[day]!.slice(1));
  return `on ${names.join(', ')} at ${clock}`;
}
