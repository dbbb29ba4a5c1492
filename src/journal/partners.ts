import { partnerNamed } from '../store/authors.js';
import type { Journal } from './journal.js';

/** The partner of `me` when the settings name exactly two people (and `me` is one of them). */
export function partnerOf(journal: Pick<Journal, 'settings' | 'me'>): string | undefined {
  const { partners } = journal.settings;
  const me = partnerNamed(journal.settings, journal.me.name);
  const others = partners.filter((name) => name !== me);
  return partners.length === 2 && me !== undefined && others.length === 1 ? others[0] : undefined;
}
