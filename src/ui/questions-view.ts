import type { QuestionNews, QuestionRow, QuestionTally } from '../decks/news.js';
import type { ReplyNews } from '../reading/replies.js';
import { localTime } from './entry-view.js';
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
      lines.push(c.dim(`    ${row.deck}/${row.question} · ${when}${id ? ` · intimacy show ${id}` : ''}`));
    }
  }
  if (lines.length === 0) lines.push('No questions answered yet. Start with intimacy ask.');
  else if (rows.some((r) => r.state === 'your-turn'))
    lines.push('', `Answer the next one with ${c.bold('intimacy ask')}.`);
  return lines;
}

/** What status says about questions: "Jordan answered a question: your turn", "… has opened". */
export function questionStatusLines(news: QuestionNews): string[] {
  const c = out();
  if (news.yourTurn.length === 0 && news.opened.length === 0) return [];
  const lines = ['', c.bold('Questions')];
  for (const turn of news.yourTurn.slice(0, 3))
    lines.push(`  ${turn.by} answered "${turn.text}": your turn (intimacy ask)`);
  if (news.yourTurn.length > 3)
    lines.push(`  and ${news.yourTurn.length - 3} more waiting for you (intimacy questions)`);
  for (const opened of news.opened.slice(0, 3))
    lines.push(`  "${opened.text}" has opened: you have both answered (intimacy show ${opened.id})`);
  if (news.opened.length > 3) lines.push(`  and ${news.opened.length - 3} more opened (intimacy questions)`);
  return lines;
}

/** The questions section of stats: how many you answered together, and how many wait. */
export function questionTallyLines(tally: QuestionTally): string[] {
  const written = Object.values(tally.answers).reduce((a, b) => a + b, 0);
  if (written === 0 && tally.answeredTogether === 0) return [];
  const c = out();
  const who = Object.entries(tally.answers)
    .map(([name, n]) => `${name} ${n}`)
    .join(' · ');
  return [
    '',
    c.bold('Questions for two'),
    `  ${tally.answeredTogether} answered by you both, ${tally.waiting} waiting for the other's answer`,
    `  answers written: ${who}`,
  ];
}

/** "Jordan replied to your gratitude (intimacy show ID)", newest last. */
export function replyStatusLines(replies: ReplyNews[]): string[] {
  if (replies.length === 0) return [];
  const lines = ['', out().bold('Replies')];
  for (const reply of replies.slice(-5))
    lines.push(`  ${reply.by} replied to your ${typeLabel(reply.to)} (intimacy show ${reply.id})`);
  if (replies.length > 5) lines.push(`  and ${replies.length - 5} earlier replies (intimacy log --type reply)`);
  return lines;
}
