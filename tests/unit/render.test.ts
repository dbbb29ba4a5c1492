import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/store/entry.js';
import { loadTemplates } from '../../src/templates/load.js';
import { describeEntry } from '../../src/ui/render/describe.js';
import { entryMarkdown } from '../../src/ui/render/markdown.js';
import { entryLines } from '../../src/ui/render/terminal.js';
import { bodySections, humanKey, valueText } from '../../src/ui/render/values.js';
import type { RenderContext } from '../../src/ui/render/view.js';
import { entryHtml } from '../../src/ui/report/entry-html.js';

const plain = new Chalk({ level: 0 });
const none: RenderContext = { templates: new Map() };
const entry = (over: Partial<Entry>): Entry => ({
  type: 'checkin',
  author: 'Alex',
  date: '2026-11-22T18:00:00+01:00',
  tags: [],
  fields: {},
  body: '',
  ...over,
});
/** Every layout of a view, joined: what a reader could see of it anywhere. */
const everywhere = (view: ReturnType<typeof describeEntry>) =>
  [entryLines(plain, view).join('\n'), entryMarkdown(view), entryHtml(view, { slotOf: () => 0 })].join('\n');

describe('values in words', () => {
  it('never prints a lost object, and reads keys as words', () => {
    expect(humanKey('has_concern')).toBe('Has concern');
    expect(humanKey('wentWell')).toBe('Went well');
    expect(valueText([{ commitment: 'Plan a date', outcome: 'kept' }])).toBe('Plan a date — kept');
    expect(valueText({ a_b: { c: [1, true] } })).toBe('A b: C: 1, yes');
    expect(valueText([null, 'x', [2, 3]])).toBe('x, 2, 3');
    expect(valueText(new Date('2026-01-02T00:00:00Z'))).toBe('2026-01-02');
  });

  it('splits a body into its headed answers', () => {
    expect(bodySections('before\n\n## One\n\nfirst\nline\n\n## Empty\n\n## Two\nsecond\n')).toEqual([
      { text: 'before' },
      { heading: 'One', text: 'first\nline' },
      { heading: 'Two', text: 'second' },
    ]);
  });
});

describe('an entry, described', () => {
  it("with its template: the question's words, in its order, the promise once, internal fields hidden", async () => {
    const set = await loadTemplates(undefined);
    const ctx: RenderContext = { templates: new Map([...set.templates].map(([n, t]) => [n, t.template])) };
    const view = describeEntry(
      entry({
        fields: {
          template: 'checkin',
          reviewed: [{ commitment: 'Plan a date for Friday', outcome: 'kept' }],
          has_concern: false,
          ratings: { connection: 4, closeness: 3 },
          commitments: ['Cook on Wednesday'],
          extra_note: { mood: 'fine' },
        },
        body: "## Appreciation 1\n\nthe tea\n\n## What I'll do this week\n\nCook on Wednesday\n\n## Added by hand\n\nP.S.\n",
      }),
      'id-1',
      ctx,
    );
    expect(view.title).toBe('Weekly check-in');
    expect(view.parts.map((p) => `${p.kind}:${p.label}`)).toEqual([
      "review:Last week's promise",
      'text:Appreciation 1',
      'rating:Connection',
      'fact:Something to raise',
      "text:What I'll do this week",
      'rating:Closeness',
      'fact:Extra note',
      'text:Added by hand',
    ]);
    const shown = everywhere(view);
    expect(shown).toContain('Plan a date for Friday — kept');
    expect(shown).not.toMatch(/\[object Object\]|template|has_concern|extra_note|ratings:|commitments:/);
    expect(shown.split('Cook on Wednesday').length - 1).toBe(3); // once in each of the three layouts
  });

  it('without a template: every field still in words, a skip in its own words', () => {
    const view = describeEntry(
      entry({ type: 'weekend', fields: { template: 'weekend', rested: true, how: { was: 'it' } } }),
      'x',
      none,
    );
    expect(view.title).toBe('Weekend');
    expect(everywhere(view)).toMatch(/Rested +yes/);
    expect(everywhere(view)).not.toMatch(/\[object Object\]|rested:|template/);
    const skip = describeEntry(entry({ type: 'skip', fields: { ritual: 'checkin', reason: 'flu' } }), 's', none);
    expect(skip.title).toBe('Skipped check-in');
    expect(skip.parts).toEqual([{ kind: 'text', id: 'reason', label: 'Why', text: 'flu' }]);
  });

  it('neutralises control characters for the terminal and escapes everything for HTML', () => {
    const view = describeEntry(
      entry({ type: 'note', author: 'A\u001b[2Jx', body: '## Hi <b>\n\nred \u001b[31m <script>x</script>\n' }),
      'n',
      none,
    );
    const lines = entryLines(plain, view).join('\n');
    expect(lines).not.toMatch(/\u001b/);
    expect(lines).toContain('red \\x1b[31m <script>');
    expect(lines).toContain('A\\x1b[2Jx');
    const html = entryHtml(view, { slotOf: () => 0 });
    expect(html).not.toMatch(/<script|<b>|\u001b/);
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
  });
});
