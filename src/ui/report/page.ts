import { createHash } from 'node:crypto';
import { addDays, format, parseISO, startOfWeek } from 'date-fns';
import { plural } from '../../plural.js';
import { dayDate, dayOfEntry, toDay } from '../../rituals/periods.js';
import type { PeriodSummary } from '../../rituals/summary.js';
import { PULSE_TYPE } from '../../rituals/trends.js';
import { inBlocks } from '../blocks.js';
import { escapeHtml } from '../html.js';
import { spelledTime } from '../long-time.js';
import type { EntryView } from '../render/view.js';
import { attachedHtml, type EntryHtmlOptions, entryHtml } from './entry-html.js';
import { REPORT_STYLE } from './style.js';
import { type SummaryWords, summaryHtml } from './summary-html.js';

/*
 * `export --format html`: one self-contained page to read together or bring to a counsellor.
 * It opens with a summary of the period, then the entries week by week, each week's two
 * check-ins side by side. No scripts, and a Content-Security-Policy that lets the page load
 * nothing at all from anywhere (only its own stylesheet, by hash, and images inlined as data:).
 */

export interface ReportInput {
  title: string;
  generatedAt: Date;
  /** oldest first */
  views: EntryView[];
  summary: PeriodSummary;
  weekStartsOn: 0 | 1;
  words: Omit<SummaryWords, 'slotOf'>;
  /** an attached photo's bytes, to draw it inline (see entry-html.ts); without it, files are named */
  attachmentImage?: EntryHtmlOptions['attachmentImage'];
}

const esc = escapeHtml;

export const STYLE_HASH = `sha256-${createHash('sha256').update(REPORT_STYLE).digest('base64')}`;

/** What the page may load: its own stylesheet, images written into it, and nothing else. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src '${STYLE_HASH}'`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The page, made in blocks of about 64 KiB as it is written: a whole journal's weeks are never held as HTML at once. */
export function reportHtml(input: ReportInput): Generator<string> {
  return inBlocks(pageParts(input));
}

function* pageParts(input: ReportInput): Generator<string> {
  const partners = input.summary.partners;
  const slotOf = (name: string) => {
    const index = partners.indexOf(name);
    return index < 0 || index > 1 ? 2 : index;
  };
  const options = { slotOf, attachmentImage: input.attachmentImage };
  const count = input.views.length;
  yield `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(input.title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>${esc(input.title)}</h1>
<p class="meta">${plural(count, 'entry', 'entries')} · made ${esc(format(input.generatedAt, 'd MMMM yyyy'))}</p>
</header>
${summaryHtml(input.summary, { ...input.words, slotOf }, input.weekStartsOn)}
<section class="weeks">
`;
  let first = true;
  for (const week of byWeek(input.views, input.weekStartsOn)) {
    yield `${first ? '' : '\n'}${weekHtml(week, partners, options)}`;
    first = false;
  }
  yield `
</section>
<footer>Made by intimacy from the journal's plain-text files; nothing in this page is sent anywhere.</footer>
</body>
</html>
`;
}

interface Week {
  start: string;
  views: EntryView[];
}

function byWeek(views: EntryView[], weekStartsOn: 0 | 1): Week[] {
  const weeks: Week[] = [];
  for (const view of views) {
    const day = dayOfEntry(view.date);
    const start = day ? toDay(startOfWeek(dayDate(day), { weekStartsOn })) : '';
    const last = weeks.at(-1);
    if (last && last.start === start) last.views.push(view);
    else weeks.push({ start, views: [view] });
  }
  return weeks;
}

function weekHtml(week: Week, partners: string[], options: Parameters<typeof entryHtml>[1]): string {
  const checkins = week.views.filter((v) => v.type === 'checkin');
  const gratitudes = week.views.filter((v) => v.type === 'gratitude');
  const pulses = week.views.filter((v) => v.type === PULSE_TYPE);
  const others = week.views.filter((v) => v.type !== 'checkin' && v.type !== 'gratitude' && v.type !== PULSE_TYPE);
  const title = week.start ? `Week of ${format(parseISO(week.start), 'd MMMM yyyy')}` : 'Undated';
  const pairOf = (each: (name: string) => string) =>
    `<div class="pair">${partners
      .slice(0, 2)
      .map((name) => `<div class="column">${each(name)}</div>`)
      .join('')}</div>`;
  const two = partners.slice(0, 2);
  const blocks: string[] = [];
  if (checkins.length > 0) {
    // One column per partner, in the same order every week; anyone else's check-in follows.
    blocks.push(
      pairOf((name) => {
        const theirs = checkins.filter((v) => v.author === name);
        return theirs.length > 0
          ? theirs.map((v) => entryHtml(v, options)).join('\n')
          : `<p class="missing">No check-in from ${esc(name)} this week.</p>`;
      }),
      ...checkins.filter((v) => !two.includes(v.author)).map((v) => entryHtml(v, options)),
    );
  }
  if (gratitudes.length > 0) blocks.push(gratitudeHtml(gratitudes, two, options));
  if (pulses.length > 0) blocks.push(pulseHtml(pulses, week.start, two, options));
  if (others.length > 0)
    blocks.push(`<div class="others">${others.map((v) => entryHtml(v, options)).join('\n')}</div>`);
  return `<section class="week" id="${esc(`week-${week.start}`)}">
<h2>${esc(title)}</h2>
${blocks.join('\n')}
</section>`;
}

/** The first written answer of an entry (a gratitude's note, a pulse's word). */
function firstText(view: EntryView): string {
  const part = view.parts.find((p) => p.kind === 'text');
  return part?.kind === 'text' ? part.text : '';
}

function shortDate(view: EntryView): string {
  return esc(spelledTime(view, 'EEE d MMM'));
}

/** The week's gratitudes, each partner's in their own column: what each thanked the other for. */
function gratitudeHtml(views: EntryView[], two: string[], options: EntryHtmlOptions): string {
  const { slotOf } = options;
  // `by`: the author, for one of neither partner's, listed below the two columns.
  const itemOf = (v: EntryView, by?: string) => {
    const whom = v.forWhom && !two.includes(v.forWhom) ? ` (for ${esc(v.forWhom)})` : '';
    const mark = v.private ? ' <span class="private">private</span>' : '';
    const who = by === undefined ? '' : `${esc(by)}: `;
    return `<li id="${esc(`entry-${v.id}`)}"><span class="when">${shortDate(v)}</span> ${who}${esc(firstText(v))}${whom}${mark}${attachedHtml(v, options)}</li>`;
  };
  const columns = two.map((name) => {
    const theirs = views.filter((v) => v.author === name);
    const other = two.find((n) => n !== name);
    const heading = other ? `${esc(name)}, for ${esc(other)}` : esc(name);
    return `<div class="column"><h4 class="who p${slotOf(name)}">${heading}</h4>${
      theirs.length > 0
        ? `<ul class="notes">${theirs.map((v) => itemOf(v)).join('')}</ul>`
        : '<p class="missing">None this week.</p>'
    }</div>`;
  });
  const rest = views.filter((v) => !two.includes(v.author));
  const extra = rest.length === 0 ? '' : `<ul class="notes">${rest.map((v) => itemOf(v, v.author)).join('')}</ul>`;
  return `<section class="gratitudes"><h3>Gratitude for each other</h3><div class="pair">${columns.join('')}</div>${extra}</section>`;
}

/** The week's pulses as a small table, a row per partner and a column per day, with any words below. */
function pulseHtml(views: EntryView[], weekStart: string, two: string[], options: EntryHtmlOptions): string {
  const { slotOf } = options;
  const days = Array.from({ length: 7 }, (_, i) => toDay(addDays(dayDate(weekStart), i)));
  const pulseValue = (v: EntryView) => {
    const part = v.parts.find((p) => p.kind === 'rating');
    return part?.kind === 'rating' ? part.value : undefined;
  };
  const people = [...new Set([...two, ...views.map((v) => v.author)])];
  const rows = people.map((name) => {
    const cells = days.map((day) => {
      // Every pulse of the day, in order; the cell takes the colour of the last.
      const theirs = views.filter(
        (v) => v.author === name && dayOfEntry(v.date) === day && pulseValue(v) !== undefined,
      );
      if (theirs.length === 0) return '<td class="none">·</td>';
      const values = theirs.map(
        (v) =>
          `<span id="${esc(`entry-${v.id}`)}" title="${esc(spelledTime(v, 'HH:mm'))}">${pulseValue(v)}${v.private ? '*' : ''}</span>`,
      );
      return `<td class="level l${Math.round(pulseValue(theirs.at(-1)!) ?? 0)}">${values.join(' → ')}</td>`;
    });
    return `<tr><th scope="row" class="who p${slotOf(name)}">${esc(name)}</th>${cells.join('')}</tr>`;
  });
  const notes = views
    .filter((v) => firstText(v) !== '' || v.parts.some((p) => p.kind === 'attachments'))
    .map(
      (v) =>
        `<li><span class="when">${shortDate(v)}</span> ${esc(v.author)}: ${esc(firstText(v))}${attachedHtml(v, options)}</li>`,
    );
  const head = days.map((day) => `<th scope="col">${esc(format(parseISO(day), 'EEE'))}</th>`).join('');
  return `<section class="pulses"><h3>Daily pulse</h3><table class="pulse"><thead><tr><th></th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>${
    notes.length > 0 ? `<ul class="notes">${notes.join('')}</ul>` : ''
  }</section>`;
}
