/*
 * The report's one stylesheet. Readable on a phone (one column under 44rem), printable on
 * clean pages (the summary on its own page, no entry split across two, colours kept).
 * Partners are p0 and p1 (p2 for anyone else).
 */
export const REPORT_STYLE = `
:root { --p0: #b0306a; --p1: #2a62a8; --p2: #6b6b6b; --ink: #222; --muted: #666; --line: #ddd; --kept: #2f7d4a; --partly: #c08a1a; --notyet: #a33; --open: #bbb; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font: 16px/1.5 Georgia, "Times New Roman", serif; color: var(--ink); margin: 0 auto; padding: 1.5rem 1rem 3rem; max-width: 62rem; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
h4 { font-size: .95rem; margin: .8rem 0 .1rem; color: #333; }
p { margin: .3rem 0; }
.meta, .byline, .id, .avg, .tags { color: var(--muted); font-size: .88rem; }
.id { font-family: ui-monospace, Menlo, monospace; font-size: .72rem; word-break: break-all; }
table { border-collapse: collapse; margin: .4rem 0; font-size: .92rem; }
th, td { text-align: left; padding: .2rem .7rem .2rem 0; border-bottom: 1px solid var(--line); vertical-align: top; }
td { font-variant-numeric: tabular-nums; }
.legend .key { margin-right: 1.2rem; font-weight: bold; }
.swatch { display: inline-block; width: 1.4rem; height: .25rem; margin-right: .35rem; vertical-align: middle; }
.key.p0 .swatch { background: var(--p0); } .key.p1 .swatch { background: var(--p1); border-top: 1px dashed #fff; }
.who.p0, .key.p0 { color: var(--p0); } .who.p1, .key.p1 { color: var(--p1); } .who.p2 { color: var(--p2); }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .8rem 1.2rem; }
figure.chart { margin: 0; }
figure.chart.wide { grid-column: 1 / -1; }
figure.chart.wide svg.chart { max-width: 44rem; }
figcaption { font-weight: bold; font-size: .92rem; }
figcaption .avg { display: block; font-weight: normal; }
svg.chart { width: 100%; height: auto; display: block; }
svg .grid { stroke: #e6e6e6; stroke-width: 1; }
svg .axis { font: 9px sans-serif; fill: #777; }
svg .line { fill: none; stroke-width: 2; }
svg .p0 .line { stroke: var(--p0); } svg .p0 .mark { fill: var(--p0); }
svg .p1 .line { stroke: var(--p1); stroke-dasharray: 5 3; } svg .p1 .mark { fill: var(--p1); }
svg .p2 .line { stroke: var(--p2); stroke-dasharray: 2 2; } svg .p2 .mark { fill: var(--p2); }
svg.cells { vertical-align: -1px; margin-right: .4rem; }
svg.cells .on { fill: #444; } svg.cells .off { fill: none; stroke: #999; stroke-width: 1; }
.p0 svg.cells .on { fill: var(--p0); } .p1 svg.cells .on { fill: var(--p1); }
svg.outcomes { width: 100%; max-width: 24rem; height: auto; display: block; margin: .3rem 0; }
.outcome-kept { fill: var(--kept); } .outcome-partly { fill: var(--partly); } .outcome-notyet { fill: var(--notyet); } .outcome-open { fill: var(--open); }
.outcome.kept { color: var(--kept); } .outcome.partly { color: var(--partly); } .outcome.notyet { color: var(--notyet); } .outcome.open { color: var(--muted); }
.ratio strong { font-size: 1.2rem; }
.week { margin-top: 2rem; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem; }
.missing { color: var(--muted); font-style: italic; border-top: 3px solid var(--line); padding-top: .6rem; }
article.entry { border-top: 3px solid var(--line); padding: .6rem 0 .4rem; break-inside: avoid; page-break-inside: avoid; }
article.entry.p0 { border-top-color: var(--p0); } article.entry.p1 { border-top-color: var(--p1); }
article.entry h3 { margin: 0; }
.others article.entry { border-top-width: 1px; }
dl.short { display: grid; grid-template-columns: minmax(6rem, max-content) 1fr; gap: .1rem .9rem; margin: .6rem 0; font-size: .95rem; }
dl.short dt { color: #555; }
dl.short dd { margin: 0; }
.answer p { white-space: pre-wrap; overflow-wrap: anywhere; }
.review ul { margin: .2rem 0; padding-left: 1.2rem; }
.private { color: #8a2be2; font-style: italic; }
.attachments img, figure.photo img { display: block; max-width: 100%; max-height: 28rem; height: auto; border-radius: 3px; }
figure.photo { margin: .4rem 0; }
figure.photo figcaption { font-weight: normal; color: var(--muted); font-size: .78rem; overflow-wrap: anywhere; }
.file { font-family: ui-monospace, Menlo, monospace; font-size: .8rem; overflow-wrap: anywhere; }
ul.notes { margin: .2rem 0; padding-left: 1.1rem; }
ul.notes li { margin: .15rem 0; overflow-wrap: anywhere; }
.when { color: var(--muted); font-size: .85rem; margin-right: .3rem; }
table.pulse td { text-align: center; min-width: 2.2rem; padding: .2rem .3rem; border: 1px solid #fff; }
table.pulse td.none { color: #bbb; }
table.pulse td.l1 { background: #f3d6d6; } table.pulse td.l2 { background: #f6e3cc; } table.pulse td.l3 { background: #efefe0; }
table.pulse td.l4 { background: #dcecd8; } table.pulse td.l5 { background: #c6e3c2; }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
@media (max-width: 44rem) {
  body { padding: 1rem .8rem 2rem; font-size: 15px; }
  .pair { grid-template-columns: 1fr; }
  table { font-size: .85rem; }
  .promises td:first-child, .promises th:first-child { white-space: nowrap; }
}
@media print {
  @page { margin: 16mm 14mm; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .summary { break-after: page; page-break-after: always; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  figure.chart, figure.photo, table tr { break-inside: avoid; page-break-inside: avoid; }
  figure.photo img { max-height: 10cm; }
  .week > h2 { margin-top: 0; }
  a { color: inherit; text-decoration: none; }
}
`;
