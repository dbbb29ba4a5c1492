import { openedAnswerEntry } from '../decks/answer-entry.js';
import { type Answer, otherAnswer, type Round } from '../decks/rounds.js';
import { couldBeSealed, sealName, unseal } from '../decks/seal.js';
import { FileProblem } from '../errors.js';
import type { Journal } from '../journal/journal.js';
import { commitOrKeep } from '../store/commit.js';
import { isoWithOffset } from '../store/entry-date.js';
import { readEntryFile, writableEntryText } from '../store/entry-files.js';
import { writeJournalFile } from '../store/files.js';
import { withJournalLock } from '../store/lock.js';
import { dropSealedKey, holdsSealedKeys, sealedKey } from '../store/sealed-keys.js';
import { warnNotCommitted } from '../ui/saved.js';
import { loadRounds, type QuestionsSeen } from './question-rounds.js';

export interface OpenedAnswer {
  id: string;
  relPath: string;
  asked: string;
}

/**
 * Releases the keys of this clone's sealed answers whose partner has answered too: each answer
 * is rewritten with its key and its words and committed on its own, so the history shows it
 * sealed first and opened only after the partner's own sealed answer was in the journal. Each
 * side releases only its own key; an answer the partner never answers stays sealed forever.
 * Run by ask, questions, status and sync: whichever first sees both answers.
 */
export async function openReadyAnswers(journal: Journal, now: Date, seen?: QuestionsSeen): Promise<OpenedAnswer[]> {
  // Nothing of this clone's is sealed: no entry need be read (sync and status stay as fast as before).
  if (!holdsSealedKeys(journal.dir)) return [];
  const { rounds, me, partner } = seen ?? (await loadRounds(journal));
  if (!partner) return [];
  const ready = rounds.filter((round) => {
    const mine = round.answers.get(me);
    const theirs = round.answers.get(partner);
    return mine && !mine.open && theirs && answered(theirs, mine);
  });
  if (ready.length === 0) return [];
  return withJournalLock(journal.dir, async () => {
    const opened: OpenedAnswer[] = [];
    for (const round of ready) {
      try {
        const done = await openOne(journal, round, me, now);
        if (done) opened.push(done);
      } catch (error) {
        // A damaged answer file stays as it is (log names it); the others still open.
        if (!(error instanceof FileProblem)) throw error;
      }
    }
    return opened;
  });
}

/**
 * The partner's answer is one: sealed words of their own (not a copy of mine, not a letter
 * that no key could open), or open with a key that opens them. Anything else a partner's
 * history could hold is no answer, and keeps mine sealed.
 */
function answered(theirs: Answer, mine: Answer): boolean {
  if (theirs.sealed === undefined || theirs.sealed === mine.sealed || !couldBeSealed(theirs.sealed)) return false;
  return !theirs.open || (theirs.key !== undefined && unseal(theirs.sealed, theirs.key) !== undefined);
}

async function openOne(journal: Journal, round: Round, me: string, now: Date): Promise<OpenedAnswer | undefined> {
  const mine = round.answers.get(me);
  if (!mine) return undefined;
  const entry = await readEntryFile(journal.dir, mine);
  const sealed = typeof entry.fields.sealed === 'string' ? entry.fields.sealed : undefined;
  if (!sealed) return undefined;
  // Already opened (by another command meanwhile): the key kept here is no longer needed.
  if (entry.fields.key !== undefined) {
    await dropSealedKey(journal.dir, sealName(sealed));
    return undefined;
  }
  const key = sealedKey(journal.dir, sealName(sealed));
  const words = key === undefined ? undefined : unseal(sealed, key);
  if (!key || !words) return undefined;
  const text = writableEntryText(openedAnswerEntry(entry, words, key, isoWithOffset(now)));
  await writeJournalFile(journal.dir, mine.relPath, text);
  const partner = otherAnswer(round, me)?.author ?? 'your partner';
  const { commitProblem } = await commitOrKeep(
    journal,
    [mine.relPath],
    `${me}'s answer to ${round.deck}/${round.question} opened: ${partner} has answered too`,
  );
  if (commitProblem) warnNotCommitted(commitProblem, 'the edit');
  await dropSealedKey(journal.dir, sealName(sealed));
  return { id: mine.id, relPath: mine.relPath, asked: round.asked };
}
