import { addDays, differenceInCalendarDays, format, parseISO, startOfWeek } from 'date-fns';
import { plural } from '../../plural.js';
import { dayDate, toDay } from '../../rituals/periods.js';
import type { PeriodSummary } from '../../rituals/summary.js';
import type { RatingPoint } from '../../rituals/trends.js';
import { escapeHtml } from '../html.js';
import { lineChart, outcomeBar } from './svg.js';

/*
 * The report's first page: what the period held. Entries per kind and partner, the check-in
 * ratings as one small chart per dimension (both partners on each), the daily pulse, promises
 * and how they went, warmth next to repair, and how often each ritual was kept.
 */

export interface SummaryWords {
  /** "connection" → "Connection", from the check-in template's own words */
  dimensionLabel: (dimension: string) => string;
  /** "checkin" → "Weekly check-in" */
  typeTitle: (type: string) => string;
  slotOf: (name: string) => number;
}

const esc = escapeHtml;

function day(dayText: string, pattern = 'd MMM yyyy'): string {
  return format(parseISO(dayText), pattern);
}

function legend(summary: PeriodSummary, words: SummaryWords): string {
  return `<p class="legend">${summary.partners
    .map((p) => `<span class="key p${words.slotOf(p)}"><span class="swatch"></span>${esc(p)}</span>`)
    .join(' ')}</p>`;
}

function countsTable(summary: PeriodSummary, words: SummaryWords): string {
  if (summary.counts.length === 0) return '<p>No entries in this period.</p>';
  const head = summary.partners.map((p) => `<th scope="col">${esc(p)}</th>`).join('');
  const rows = summary.counts.map((row) => {
    const cells = summary.partners.map((p) => `<td>${row.byPartner[p] ?? 0}</td>`).join('');
    return `<tr><th scope="row">${esc(words.typeTitle(row.type))}</th>${cells}<td>${row.total}</td></tr>`;
  });
  return `<table class="counts"><thead><tr><th></th>${head}<th scope="col">In all</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function ratingCharts(summary: PeriodSummary, words: SummaryWords): string {
  if (summary.ratings.length === 0) return '<p>No check-in ratings in this period.</p>';
  const figures = summary.ratings.map(({ dimension, byPartner }) => {
    const title = words.dimensionLabel(dimension);
    const series = summary.partners.map((name) => ({ name, slot: words.slotOf(name), points: byPartner[name] ?? [] }));
    const chart = lineChart({ title, from: summary.from, to: summary.to, min: 1, max: 5, series });
    const averages = series
      .filter((s) => s.points.length > 0)
      .map((s) => `${esc(s.name)} ${(s.points.reduce((t, p) => t + p.value, 0) / s.points.length).toFixed(1)}`)
      .join(' · ');
    return `<figure class="chart" data-dimension="${esc(dimension)}"><figcaption>${esc(title)} <span class="avg">average ${averages}</span></figcaption>${chart}</figure>`;
  });
  return `<div class="charts">${figures.join('')}</div>`;
}

function pulseChart(summary: PeriodSummary, words: SummaryWords, weekStartsOn: 0 | 1): string {
  // Over more than six weeks, one point a week (its average) reads better than a line a day.
  const weekly = differenceInCalendarDays(parseISO(summary.to), parseISO(summary.from)) > 42;
  const series = summary.partners.map((name) => {
    const daily = summary.pulses[name] ?? [];
    return {
      name,
      slot: words.slotOf(name),
      days: daily.length,
      points: weekly ? weekAverages(daily, weekStartsOn) : daily,
    };
  });
  if (series.every((s) => s.days === 0)) return '';
  const chart = lineChart({
    title: 'Daily pulse',
    from: summary.from,
    to: summary.to,
    min: 1,
    max: 5,
    series,
    width: 420,
    height: 140,
  });
  const days = series.map((s) => `${esc(s.name)} on ${plural(s.days, 'day')}`);
  const what = weekly ? 'How are we today, 1 to 5: the average of each week' : 'How are we today, 1 to 5';
  return `<h3>Daily pulse</h3><div class="charts"><figure class="chart wide" data-dimension="pulse"><figcaption>${what} <span class="avg">${days.join(' · ')}</span></figcaption>${chart}</figure></div>`;
}

function weekAverages(points: RatingPoint[], weekStartsOn: 0 | 1): RatingPoint[] {
  const weeks = new Map<string, number[]>();
  for (const p of points) {
    const start = toDay(startOfWeek(dayDate(p.day), { weekStartsOn }));
    weeks.set(start, [...(weeks.get(start) ?? []), p.value]);
  }
  // Each week's point sits on its middle day.
  return [...weeks].map(([start, values]) => ({
    day: toDay(addDays(dayDate(start), 3)),
    value: Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10,
  }));
}

function promises(summary: PeriodSummary): string {
  const { kept, partly, notYet, open } = summary.outcomes;
  if (summary.commitments.length === 0) return '<p>No promises were written down in this period.</p>';
  const parts = [
    { key: 'kept', label: 'kept', count: kept },
    { key: 'partly', label: 'partly', count: partly },
    { key: 'notyet', label: 'not yet', count: notYet },
    { key: 'open', label: 'not looked back at yet', count: open },
  ];
  const words = parts
    .filter((p) => p.count > 0)
    .map((p) => `<span class="outcome ${p.key}">${p.count} ${esc(p.label)}</span>`)
    .join(' · ');
  const rows = summary.commitments.map(
    (c) =>
      `<tr><td>${esc(day(c.day, 'd MMM'))}</td><td>${esc(c.author)}</td><td>${esc(c.commitment)}</td><td>${
        c.outcome
          ? `<span class="outcome ${c.outcome === 'not yet' ? 'notyet' : esc(c.outcome)}">${esc(c.outcome)}</span>`
          : '—'
      }</td></tr>`,
  );
  return `<p>${plural(summary.commitments.length, 'promise')}: ${words}</p>${outcomeBar(parts)}
<table class="promises"><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">The promise</th><th scope="col">How it went</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function warmth(summary: PeriodSummary): string {
  const { positive, repairs, ratio, reference } = summary.balance;
  const notes = `${plural(positive, 'note')} of gratitude or appreciation`;
  if (repairs === 0) return `<p>${notes}, and no repairs in this period.</p>`;
  const against = ratio !== null && ratio >= reference ? 'above' : 'below';
  return `<p class="ratio"><strong>${ratio}:1</strong> — ${notes} for ${plural(repairs, 'repair')}; ${against} the ${reference}:1 that research on lasting couples points to.</p>`;
}

function ritualsTable(summary: PeriodSummary, words: SummaryWords): string {
  if (summary.rituals.length === 0) return '<p>No rituals are set.</p>';
  const rows = summary.rituals.map((r) => {
    const title = esc(words.typeTitle(r.ritual));
    if (r.asNeeded !== undefined)
      return `<tr><th scope="row">${title}</th><td>${esc(r.cadence)}</td><td>${r.asNeeded} in this period</td></tr>`;
    const kept = r.subjects
      .map((s) => {
        const who = s.subject === 'us' ? '' : `${esc(s.subject)}: `;
        const skipped = s.skipped > 0 ? `, ${s.skipped} skipped` : '';
        return `${who}${s.kept} of ${s.periods}${skipped}`;
      })
      .join('<br>');
    return `<tr><th scope="row">${title}</th><td>${esc(r.cadence)}${r.who === 'each' ? ', each' : ''}</td><td>${kept || '—'}</td></tr>`;
  });
  return `<table class="rituals"><thead><tr><th scope="col">Ritual</th><th scope="col">How often</th><th scope="col">Kept</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function summaryHtml(summary: PeriodSummary, words: SummaryWords, weekStartsOn: 0 | 1): string {
  return `<section class="summary" id="summary">
<h2>${esc(day(summary.from))} to ${esc(day(summary.to))} at a glance</h2>
${legend(summary, words)}
<h3>Entries</h3>
${countsTable(summary, words)}
<h3>How the check-ins felt</h3>
${ratingCharts(summary, words)}
${pulseChart(summary, words, weekStartsOn)}
<h3>Promises, and how they went</h3>
${promises(summary)}
<h3>Warmth and repair</h3>
${warmth(summary)}
<h3>Rituals kept</h3>
${ritualsTable(summary, words)}
</section>`;
}
