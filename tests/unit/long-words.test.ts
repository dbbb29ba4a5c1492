import { afterAll, describe, expect, it } from 'vitest';
import { withLongWordsCut } from '../../src/ui/output.js';
import { cleanupTemp, newUser, runCli } from '../helpers/cli.js';

afterAll(cleanupTemp);

describe('an error that quotes a very long argument', () => {
  it('shows the start of a long word and how much was left out; usual words and paths stay whole', () => {
    const path = `/home/alex/${'journals/'.repeat(30)}ours`;
    expect(withLongWordsCut(`No entry ${path} here.`)).toBe(`No entry ${path} here.`);
    const cut = withLongWordsCut(`No entry matches "${'x'.repeat(100_000)}". Try again.`);
    expect(cut).toBe(`No entry matches "${'x'.repeat(99)}…(99,893 more characters)…${'x'.repeat(8)}". Try again.`);
    // Characters are counted, not UTF-16 units: an emoji is never cut in half.
    expect(withLongWordsCut('💛'.repeat(400))).toBe(`${'💛'.repeat(100)}…(290 more characters)…${'💛'.repeat(10)}`);
    expect(withLongWordsCut('💛'.repeat(200))).toBe('💛'.repeat(200));
  });

  it('keeps every command error to a line a person can read', async () => {
    const { env } = newUser();
    expect((await runCli(['gratitude', 'hi'], { env })).code).toBe(0);
    const long = 'x'.repeat(100_000);
    for (const args of [['show', long], ['log', '--type', long], ['log', '--since', long], [long]]) {
      const result = await runCli(args, { env });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('more characters)');
      expect(result.stderr.length).toBeLessThan(1000);
    }
  });

  it("shows what was typed with its control characters escaped, in commander's errors too", async () => {
    const { env } = newUser();
    for (const args of [['\x1b[31mfoo'], ['log', '--ty\x1b]0;title\x07pe', 'x']]) {
      const result = await runCli(args, { env });
      expect(result.code).toBe(2);
      expect(result.stderr).not.toContain('\x1b');
      expect(result.stderr).toContain('\\x1b');
      expect(result.stderr).toContain('(add --help for usage and examples)');
    }
  });
});
