import type { Journal } from '../journal/journal.js';
import { toDay } from '../rituals/periods.js';
import { memoInputs } from './memo.js';

/**
 * Everything but the entries that status's figures (and so the prompt's count) are made from:
 * the settings, who I am, the day (and memo.ts adds the clock's zone and the build).
 */
export function statusInputs(journal: Journal, now: Date): string {
  return memoInputs([journal.settings, journal.me.name, toDay(now)], now);
}
