import type { Journal } from './journal.js';

/** The partner of `me` when the settings name exactly two people. */
export function partnerOf(journal: Pick<Journal, 'settings' | 'me'>): string | undefined {
  const others = journal.settings.partners.filter((name) => name !== journal.me.name);
  return journal.settings.partners.length === 2 && others.length === 1 ? others[0] : undefined;
}
