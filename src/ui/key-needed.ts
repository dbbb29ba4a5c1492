import { IMPORT_KEY_HINT } from '../store/encryption-state.js';
import { warn } from './output.js';

/** A clone without the key of an encrypted journal: said after each sync, with what to do. */
export function warnKeyNeeded(kind: 'brought' | 'missing', partner: string | undefined): void {
  const who = partner ?? 'Your partner';
  const what =
    kind === 'brought'
      ? `${who} turned encryption on for the journal, and this clone has no key yet`
      : 'this journal is encrypted and this clone has no key yet';
  warn(`${what}: its entries cannot be read here, and what you write waits here uncommitted. ${IMPORT_KEY_HINT}.`);
}
