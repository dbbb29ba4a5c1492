import { format, parseISO } from 'date-fns';
import { largest } from '../../many.js';
import type { RatingPoint } from '../../rituals/trends.js';
import { escapeHtml } from '../html.js';

/*
 * The report's pictures, drawn as inline SVG: nothing to load, nothing to run, and they print
 * as sharply as the text. Each partner keeps a colour and a line style (solid, dashed) so the
 * charts read in black and white too.
 */

export interface Series {
  name: string;
  /** 0 for the first partner, 1 for the second, 2 for anyone else */
  slot: number;
  points: RatingPoint[];
}

const LEFT = 22;
const RIGHT = 10;
const TOP = 10;
const BOTTOM = 24;

function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T12:00:00Z`) / 86_400_000);
}

function shortDay(day: string): string {
  return format(parseISO(day), 'd MMM');
}

/**
 * A small line chart of ratings over the period: a y axis from min to max, the period's first
 * and last day below, one line per partner with a mark at each point (its value in a tooltip).
 */
export function lineChart(input: {
  title: string;
  from: string;
  to: string;
  min: number;
  max: number;
  series: Series[];
  /** the drawing's own size (it scales to the page's width) */
  width?: number;
  height?: number;
}): string {
  const { from, to, min, max } = input;
  const WIDTH = input.width ?? 320;
  const HEIGHT = input.height ?? 132;
  // Many points get smaller marks, so the lines stay readable.
  const size = largest(input.series.map((s) => s.points.length)) > 30 ? 0.6 : 1;
  const first = dayNumber(from);
  const span = Math.max(1, dayNumber(to) - first);
  // A point is kept inside the period (a week's average sits on its middle day, which may lie past it).
  const x = (day: string) =>
    LEFT + (Math.min(span, Math.max(0, dayNumber(day) - first)) / span) * (WIDTH - LEFT - RIGHT);
  const y = (value: number) =>
    TOP + (1 - (Math.min(max, Math.max(min, value)) - min) / Math.max(1, max - min)) * (HEIGHT - TOP - BOTTOM);
  const grid: string[] = [];
  for (let v = min; v <= max; v++) {
    grid.push(
      `<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/>`,
      `<text class="axis" x="${LEFT - 6}" y="${(y(v) + 3.5).toFixed(1)}" text-anchor="end">${v}</text>`,
    );
  }
  grid.push(
    `<text class="axis" x="${LEFT}" y="${HEIGHT - 6}">${escapeHtml(shortDay(from))}</text>`,
    `<text class="axis" x="${WIDTH - RIGHT}" y="${HEIGHT - 6}" text-anchor="end">${escapeHtml(shortDay(to))}</text>`,
  );
  const lines = input.series
    .filter((s) => s.points.length > 0)
    .map((s) => {
      const coords = s.points.map((p) => `${x(p.day).toFixed(1)},${y(p.value).toFixed(1)}`);
      const path = s.points.length > 1 ? `<polyline class="line" points="${coords.join(' ')}"/>` : '';
      const marks = s.points
        .map((p) => {
          const title = `<title>${escapeHtml(`${s.name}, ${shortDay(p.day)}: ${p.value}`)}</title>`;
          const cx = x(p.day).toFixed(1);
          const cy = y(p.value).toFixed(1);
          return s.slot === 1
            ? `<rect class="mark" x="${(Number(cx) - 2.6 * size).toFixed(1)}" y="${(Number(cy) - 2.6 * size).toFixed(1)}" width="${(5.2 * size).toFixed(1)}" height="${(5.2 * size).toFixed(1)}">${title}</rect>`
            : `<circle class="mark" cx="${cx}" cy="${cy}" r="${(2.8 * size).toFixed(1)}">${title}</circle>`;
        })
        .join('');
      return `<g class="series p${Math.min(2, s.slot)}">${path}${marks}</g>`;
    });
  const described = input.series
    .map((s) => `${s.name}: ${s.points.length === 0 ? 'none' : s.points.map((p) => p.value).join(', ')}`)
    .join('; ');
  return (
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" ` +
    `aria-label="${escapeHtml(`${input.title}. ${described}`)}">${grid.join('')}${lines.join('')}</svg>`
  );
}

/** A rating as a row of cells, filled up to the value: the report's version of ■■■■□. */
export function ratingCells(value: number, min: number, max: number): string {
  const steps = max - min + 1;
  if (!Number.isInteger(value) || steps < 2 || steps > 11 || value < min || value > max) return '';
  const cell = 9;
  const gap = 2;
  const rects = Array.from({ length: steps }, (_, i) => {
    const on = i <= value - min;
    return `<rect class="${on ? 'on' : 'off'}" x="${i * (cell + gap)}" y="0" width="${cell}" height="${cell}" rx="1.5"/>`;
  });
  const width = steps * (cell + gap) - gap;
  return `<svg class="cells" viewBox="0 0 ${width} ${cell}" width="${width}" height="${cell}" aria-hidden="true">${rects.join('')}</svg>`;
}

/** Kept / partly / not yet / open as one stacked bar, each part's share of the promises. */
export function outcomeBar(parts: Array<{ key: string; label: string; count: number }>): string {
  const total = parts.reduce((sum, p) => sum + p.count, 0);
  if (total === 0) return '';
  const width = 300;
  let at = 0;
  const rects = parts
    .filter((p) => p.count > 0)
    .map((p) => {
      const w = (p.count / total) * width;
      const rect = `<rect class="outcome-${p.key}" x="${at.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="14"><title>${escapeHtml(`${p.label}: ${p.count}`)}</title></rect>`;
      at += w;
      return rect;
    });
  return `<svg class="outcomes" viewBox="0 0 ${width} 14" width="${width}" height="14" role="img" aria-label="${escapeHtml(parts.map((p) => `${p.label} ${p.count}`).join(', '))}">${rects.join('')}</svg>`;
}
