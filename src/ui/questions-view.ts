import type { QuestionNews, QuestionRow, QuestionTally } from '../decks/news.js';
import { pushAll } from '../many.js';
import type { ReplyNews } from '../reading/replies.js';
import { shownShellWord } from '../shell-word.js';
import { localTime } from './entry-view.js';
import { itemLines } from './layout.js';
import { out } from './output.js';
import { typeLabel } from './words.js';

/* `intimacy questions`: what waits for you, what waits for your partner, and what has opened. */

export function questionLines(rows: QuestionRow[], me: string, partner: string | undefined): string[] {
  const c = out();
  const other = partner ?? 'your partner';
  const groups: Array<[string, QuestionRow[]]> = [
    ['Waiting for you', rows.filter((r) => r.state === 'your-turn')],
    [`Waiting for ${other}`, rows.filter((r) => r.state === 'waiting')],
    ['Opening at the next sync', rows.filter((r) => r.state === 'opening')],
    ['Opened', rows.filter((r) => r.state === 'open').reverse()],
  ];
  const lines: string[] = [];
  for (const [title, list] of groups) {
    if (list.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(c.bold(`${title} (${list.length})`));
    for (const row of list) {
      const first = row.answers[0];
      const when =
        row.state === 'open' && row.opened
          ? `opened ${localTime({ date: row.opened })}`
          : first
            ? `${first.author === me ? 'you' : first.author} answered ${localTime(first)}`
            : '';
      const id = row.state === 'open' ? (row.answers.find((a) => a.author === me) ?? first)?.id : undefined;
      lines.push(`  ${row.text}${row.guess ? c.dim(' (guess)') : ''}`);
      lines.push(
        c.dim(`    ${row.deck}/${row.question} · ${when}${id ? ` · intimacy show ${shownShellWord(id)}` : ''}`),
      );
    }
  }
  if (lines.length === 0) lines.push('No questions answered yet. Start with intimacy ask.');
  else if (rows.some((r) => r.state === 'your-turn'))
    lines.push('', `Answer the next one with ${c.bold('intimacy ask')}.`);
  return lines;
}

/**
 * What status says about questions: "Jordan answered a question: your turn", "… has opened".
 * Fitted to `width`, the terminal's; without one (a pipe) each stays one line.
 */
export function questionStatusLines(news: QuestionNews, width?: number): string[] {
  const c = out();
  if (news.yourTurn.length === 0 && news.opened.length === 0) return [];
  const lines = ['', c.bold('Questions')];
  for (const turn of news.yourTurn.slice(0, 3))
    pushAll(lines, itemLines(`${turn.by} answered "${turn.text}": your turn (intimacy ask)`, width));
  if (news.yourTurn.length > 3)
    pushAll(lines, itemLines(`and ${news.yourTurn.length - 3} more waiting for you (intimacy questions)`, width));
  for (const opened of news.opened.slice(0, 3))
    pushAll(
      lines,
      itemLines(
        `"${opened.text}" has opened: you have both answered (intimacy show ${shownShellWord(opened.id)})`,
        width,
      ),
    );
  if (news.opened.length > 3)
    pushAll(lines, itemLines(`and ${news.opened.length - 3} more opened (intimacy questions)`, width));
  return lines;
}

/** The questions section of stats: how many you answered together, and how many wait. */
export function questionTallyLines(tally: QuestionTally, width?: number): string[] {
  const written = Object.values(tally.answers).reduce((a, b) => a + b, 0);
  if (written === 0 && tally.answeredTogether === 0) return [];
  const c = out();
  const who = Object.entries(tally.answers)
    .map(([name, n]) => `${name} ${n}`)
    .join(' · ');
  const lines = ['', c.bold('Questions for two')];
  pushAll(
    lines,
    itemLines(`${tally.answeredTogether} answered by you both, ${tally.waiting} waiting for the other's answer`, width),
  );
  pushAll(lines, itemLines(`answers written: ${who}`, width));
  return lines;
}

/** "Jordan replied to your gratitude (intimacy show ID)", newest last. */
export function replyStatusLines(replies: ReplyNews[], width?: number): string[] {
  if (replies.length === 0) return [];
  const lines = ['', out().bold('Replies')];
  for (const reply of replies.slice(-5))
    pushAll(
      lines,
      itemLines(
        `${reply.by} replied to your ${typeLabel(reply.to)} (intimacy show ${shownShellWord(reply.id)})`,
        width,
      ),
    );
  if (replies.length > 5)
    pushAll(lines, itemLines(`and ${replies.length - 5} earlier replies (intimacy log --type reply)`, width));
  return lines;
}
