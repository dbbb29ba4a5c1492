import { Chalk, type ChalkInstance } from 'chalk';
import { FileProblem, type IntimacyError } from '../errors.js';
import { BIDI_CONTROLS, CONTROLS_BUT_TAB_NEWLINE, codeEscape, replaceUnshown, SEPARATORS } from '../unsafe-chars.js';
import { blockWriter, inBlocks } from './blocks.js';
import { type ColorPolicy, screen } from './screen.js';

/*
 * The one place that decides colour, where text goes (results on stdout, messages on stderr,
 * where "stdout" and "stderr" are is screen.ts's to say) and what reaches the terminal.
 * chalk does not read NO_COLOR itself, so we do.
 *
 * Text that came from a file, from git or from the partner (names, types, tags, paths, entry
 * text, template and ritual texts, git's author names) may hold terminal controls: ESC[2J
 * clears the screen, OSC 52 writes the clipboard, OSC 8 hides a link, `\r` and cursor moves
 * overwrite what was printed, a newline in a file name forges a line, bidi overrides reorder
 * what is read. Such text is neutralised where it is put into a line (`inline`, `block`): every
 * control character is shown as a visible escape (`\x1b`, `\r`, `\u202e`). As a net, every
 * print function neutralises what is still there, except the colours this module added itself
 * (plain SGR sequences, and only on a stream that has colour), so a text that was missed can
 * change a colour at most, never the terminal.
 */

export function colorEnabled(stream: { isTTY?: boolean }, policy: ColorPolicy = {}): boolean {
  const env = policy.env ?? process.env;
  if (policy.noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}

export function setColorPolicy(next: ColorPolicy): void {
  const current = screen();
  current.policy = next;
  current.stdoutChalk = undefined;
  current.stderrChalk = undefined;
}

/** Colours for text written to stdout. */
export function out(): ChalkInstance {
  const current = screen();
  current.stdoutChalk ??= new Chalk({ level: colorEnabled(current.stdout, current.policy) ? 1 : 0 });
  return current.stdoutChalk;
}

/** Colours for text written to stderr. */
export function err(): ChalkInstance {
  const current = screen();
  current.stderrChalk ??= new Chalk({ level: colorEnabled(current.stderr, current.policy) ? 1 : 0 });
  return current.stderrChalk;
}

/**
 * C0 controls but tab and newline, DEL, C1 controls (U+0080–U+009F: U+009B is an 8-bit CSI),
 * the bidi controls (marks, embeddings, overrides, isolates), and the Unicode line and paragraph
 * separators.
 */
const CONTROL = new RegExp(`[${CONTROLS_BUT_TAB_NEWLINE}${BIDI_CONTROLS}${SEPARATORS}]`, 'g');
/** What the net keeps: the colours chalk writes (SGR: ESC [ numbers m), then any control. */
const NET = new RegExp(`\\u001b\\[[0-9;]*m|[${CONTROLS_BUT_TAB_NEWLINE}${BIDI_CONTROLS}${SEPARATORS}]`, 'g');

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A control character as a visible escape, the way JavaScript writes it. */
function visible(char: string): string {
  const code = char.codePointAt(0)!;
  if (NAMED[char]) return NAMED[char];
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : codeEscape(char);
}

/** The longest a one-line text from a file is shown (a 900 KB author name is not a name). */
export const INLINE_MAX = 2_000;

/**
 * Text from a file, git or the partner, to be put into one line: every control character
 * (newlines and tabs too) shown as a visible escape, and cut at `max` characters.
 */
export function inline(text: string, max = INLINE_MAX): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  // With tab and newline, and the characters that show as nothing (a zero-width space in a name
  // makes it read as another): text that must stay on one line. Text shown as lines of its own
  // keeps those: they act on nothing, and prose in some scripts is written with them.
  return replaceUnshown(shown, visible);
}

/** An error as one line: a file's problem names the file (escaped, on one line), then why. */
export function errorLine(error: IntimacyError): string {
  return error instanceof FileProblem
    ? `${inline(error.file)}${error.line ? `:${error.line}` : ''}: ${inline(error.reason)}.`.replace(/\.\.$/, '.')
    : error.message;
}

/** Text from a file shown as lines of its own (an entry's body): newlines and tabs stay, every other control is shown escaped. */
export function block(text: string): string {
  return text.replace(CONTROL, visible);
}

/** The net: what is written to `stream` keeps only the colours this module can have added there. */
function net(text: string, colours: boolean): string {
  return text.replace(NET, (match) => (colours && match.length > 1 ? match : visible(match)));
}

/** Text for stdout, through the net (for writers that hold their own stream: the pager). */
export function forStdout(text: string): string {
  const current = screen();
  return net(text, colorEnabled(current.stdout, current.policy));
}

function toStderr(text: string): void {
  const current = screen();
  current.stderr.write(net(text, colorEnabled(current.stderr, current.policy)));
}

/** A result line: stdout. */
export function print(line = ''): void {
  screen().stdout.write(forStdout(line + '\n'));
}

/** A message about what happened (created, saved…): stderr, so stdout stays the result. */
export function info(line: string): void {
  toStderr(line + '\n');
}

export function warn(line: string): void {
  toStderr(err().yellow('warning: ') + withLongWordsCut(line) + '\n');
}

/** Longer than this, a word of a message (an argument repeated in it) is shown in part. */
const LONGEST_WORD = 300;
const LONG_WORD = new RegExp(`\\S{${LONGEST_WORD + 1},}`, 'gu');

/**
 * A message with each very long word cut to its start: an error that quotes a 100 KB argument
 * back would fill the terminal with it. Paths and names of any usual length stay whole.
 */
export function withLongWordsCut(text: string): string {
  return text.replace(LONG_WORD, (word) => {
    const characters = Array.from(word);
    if (characters.length <= LONGEST_WORD) return word; // long only in UTF-16 units
    const head = characters.slice(0, 100).join('');
    const tail = characters.slice(-10).join('');
    return `${head}…(${(characters.length - 110).toLocaleString('en-US')} more characters)…${tail}`;
  });
}

/**
 * commander's own errors (an unknown command or option, a missing argument), which quote what
 * was typed: shown through the net like every other message, long words cut.
 */
export function printCommandLineError(text: string): void {
  toStderr(withLongWordsCut(block(text)));
}

export function printError(message: string, suggestion?: string): void {
  // A message of several lines (a list of ids) takes its suggestion on a line of its own.
  const body = withLongWordsCut(message.replace(/\n+$/, ''));
  const hint = suggestion ? (body.includes('\n') ? '\n' : ' ') + withLongWordsCut(suggestion) : '';
  toStderr(err().red('error: ') + body + hint + '\n');
}

/**
 * JSON on stdout: exactly the data (fields escaped as JSON escapes them). JSON.stringify leaves
 * DEL, C1 controls and bidi characters as they are; they are written as \u escapes, which any
 * JSON reader turns back into the same text.
 */
export function printJson(value: unknown): void {
  screen().stdout.write(jsonText(value) + '\n');
}

/**
 * printJson of an array, its elements given one by one: the same text, written to stdout in
 * blocks of about 64 KiB as they come, so neither every element's JSON nor the whole text is
 * ever held at once (log --json of 50,000 entries made a text of 40 MB, and held it twice).
 */
export function jsonArrayOutput(): { add(value: unknown): void; end(): void } {
  const stdout = screen().stdout;
  const blocks = blockWriter((block) => stdout.write(block));
  let none = true;
  return {
    add(value) {
      blocks.add(arrayElement(value, none));
      none = false;
    },
    end() {
      blocks.add(arrayEnd(none));
      blocks.flush();
    },
  };
}

/** printJson of the array of `toJson` of each item, through jsonArrayOutput. */
export function printJsonArray<T>(items: Iterable<T>, toJson: (item: T) => unknown): void {
  const output = jsonArrayOutput();
  for (const item of items) output.add(toJson(item));
  output.end();
}

/** jsonText of the array of `toJson` of each item and a newline, made in blocks of about 64 KiB as they are read. */
export function jsonArrayText<T>(items: Iterable<T>, toJson: (item: T) => unknown): Generator<string> {
  return inBlocks(
    (function* () {
      let none = true;
      for (const item of items) {
        yield arrayElement(toJson(item), none);
        none = false;
      }
      yield arrayEnd(none);
    })(),
  );
}

// JSON.stringify(array, null, 2) sets each element two spaces in; a string in JSON holds no raw newline.
const arrayElement = (value: unknown, first: boolean) =>
  `${first ? '[\n' : ',\n'}  ${jsonText(value).replaceAll('\n', '\n  ')}`;
const arrayEnd = (none: boolean) => (none ? '[]\n' : '\n]\n');

/** JSON.stringify(value, null, 2) with every control character escaped (see printJson). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    CONTROL,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
