import { Composer, CST, type Document, Lexer, LineCounter, Parser } from 'yaml';
import { plainYamlProblem } from './yaml-problem.js';

/*
 * The one way intimacy parses YAML that a person or the partner's clone wrote (entries' front
 * matter, intimacy.yaml, templates, decks, answers files, the user's config). A YAML parser
 * given a hostile file can spend minutes (60,000 keys in one mapping: the duplicate-key check
 * is quadratic), blow the stack (20,000 nested brackets) or expand a few hundred bytes of
 * aliases into gigabytes. So the work is bounded before it is done, in passes that each stop
 * at the first limit crossed:
 * 1. each token of the lexer is counted and checked (aliases, bracket depth) before the parser
 *    gets it, so a huge file costs no more than its first N tokens;
 * 2. the parser's syntax tree is walked without recursion for depth, entries per mapping or
 *    list, and the length of each text;
 * 3. only then is the document built from that same tree (nothing is parsed twice).
 * A file past a limit is that file's problem (`ok: false` with a reason a person can read),
 * never an exception that reads as a bug.
 */

export interface YamlLimits {
  /** tokens of the lexer (about 7 for each `key: value` line) */
  maxTokens: number;
  /** nesting of mappings and lists */
  maxDepth: number;
  /** entries in one list */
  maxItems: number;
  /** keys in one mapping (checking them for duplicates costs the square of their number) */
  maxKeys: number;
  /** characters of one text (a key or a value) */
  maxString: number;
}

/** Limits per kind of file: generous for anything a person writes, tiny for what a parser can bear. */
export const YAML_LIMITS = {
  /** an entry's front matter: type, author, date, tags and the structured answers */
  entry: { maxTokens: 10_000, maxDepth: 16, maxItems: 2_000, maxKeys: 300, maxString: 1024 * 1024 },
  settings: { maxTokens: 10_000, maxDepth: 16, maxItems: 2_000, maxKeys: 300, maxString: 10_000 },
  template: { maxTokens: 20_000, maxDepth: 16, maxItems: 2_000, maxKeys: 300, maxString: 10_000 },
  deck: { maxTokens: 20_000, maxDepth: 16, maxItems: 2_000, maxKeys: 300, maxString: 10_000 },
  /** answers files: long answers, and with --together one mapping per partner */
  answers: { maxTokens: 20_000, maxDepth: 16, maxItems: 2_000, maxKeys: 300, maxString: 1024 * 1024 },
  /** the user's own ~/.config/intimacy/config.yaml */
  config: { maxTokens: 5_000, maxDepth: 8, maxItems: 200, maxKeys: 100, maxString: 4_096 },
} as const satisfies Record<string, YamlLimits>;

export type BoundedYaml =
  | { ok: true; doc: Document.Parsed; data: unknown }
  | {
      ok: false;
      reason: string;
      /** 1-based, when known */
      line?: number;
      /** `syntax`: not valid YAML; `limit`: past one of the limits */
      kind: 'syntax' | 'limit';
    };

/** Parses `text` within `limits`: the document and its plain value, or what is wrong with it. */
export function parseBoundedYaml(text: string, limits: YamlLimits): BoundedYaml {
  const lines = new LineCounter();
  const lineOf = (offset: number) => lines.linePos(offset).line;
  const tokens: CST.Token[] = [];
  const early = readTokens(text, limits, lines, tokens) ?? treeProblem(tokens, limits);
  if (early)
    return {
      ok: false,
      kind: early.reason === ALIAS ? 'syntax' : 'limit',
      reason: early.reason,
      ...(early.offset === undefined ? {} : { line: lineOf(early.offset) }),
    };
  let doc: Document.Parsed | undefined;
  for (const next of new Composer({ merge: false, uniqueKeys: true }).compose(tokens, true, text.length)) {
    if (doc)
      return {
        ok: false,
        kind: 'syntax',
        reason: 'holds more than one YAML document (a second --- line)',
        line: lineOf(next.range[0]),
      };
    doc = next;
  }
  if (!doc) return { ok: false, kind: 'syntax', reason: 'this is not valid YAML' };
  const problem = doc.errors[0];
  if (problem) {
    const { line, col } = lines.linePos(problem.pos[0]);
    return {
      ok: false,
      kind: 'syntax',
      ...plainYamlProblem({ code: problem.code, message: problem.message, linePos: [{ line, col }] }, text),
    };
  }
  try {
    return { ok: true, doc, data: doc.toJS({ maxAliasCount: 0 }) as unknown };
  } catch (error) {
    // Aliases are refused before this point; anything the builder still refuses is the file's.
    return {
      ok: false,
      kind: 'syntax',
      reason: `this is not valid YAML (${yamlReason(error instanceof Error ? error.message : String(error))})`,
    };
  }
}

/** YAML's first line, without its "at line N, column M:" tail (the caller names the line). */
export function yamlReason(message: string): string {
  return (message.split('\n')[0] ?? 'invalid YAML').replace(/ at line \d+, column \d+:?\s*$/, '').replace(/:\s*$/, '');
}

type Early = { reason: string; offset?: number };

const tooDeep = (limits: YamlLimits) => `nested too deeply (more than ${limits.maxDepth} levels)`;

/**
 * One pass of the lexer, each token counted and checked before the parser gets it, so a file
 * past a limit costs only its first tokens. The parser's tokens are collected in `into`.
 */
function readTokens(text: string, limits: YamlLimits, lines: LineCounter, into: CST.Token[]): Early | undefined {
  const parser = new Parser(lines.addNewLine);
  lines.addNewLine(0);
  let count = 0;
  let flowDepth = 0;
  let onLine = 0;
  let offset = 0;
  for (const source of new Lexer().lex(text)) {
    if (++count > limits.maxTokens)
      return { reason: `too much YAML to be read (more than ${limits.maxTokens.toLocaleString('en')} parts)` };
    const type = CST.tokenType(source);
    if (type === 'alias') return { reason: ALIAS, offset };
    if (type === 'flow-map-start' || type === 'flow-seq-start') {
      if (++flowDepth > limits.maxDepth) return { reason: tooDeep(limits), offset };
    } else if (type === 'flow-map-end' || type === 'flow-seq-end') flowDepth = Math.max(0, flowDepth - 1);
    else if (type === 'newline') onLine = 0;
    // `- - - - x` nests a list in a list with every two characters, all on one line.
    else if (flowDepth === 0 && (type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind')) {
      if (++onLine > limits.maxDepth) return { reason: tooDeep(limits), offset };
    }
    for (const token of parser.next(source)) into.push(token);
    // Control tokens (one character below space) take no room in the text.
    if (!(source.length === 1 && source < ' ')) offset += source.length;
  }
  for (const token of parser.end()) into.push(token);
  return undefined;
}

/** Said as plainYamlProblem says it: in a hand edit, a `*` starting a value is the likely cause. */
const ALIAS = 'a value starting with * or & means something else in YAML; put it in double quotes';

type Node = CST.Token | null | undefined;

/** The syntax tree walked with a stack of its own: depth, entries per collection, length of texts. */
function treeProblem(tokens: CST.Token[], limits: YamlLimits): Early | undefined {
  const stack: Array<{ node: Node; depth: number }> = tokens.map((node) => ({ node, depth: 0 }));
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!node) continue;
    switch (node.type) {
      case 'document':
        stack.push({ node: node.value, depth });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        if (depth + 1 > limits.maxDepth) return { reason: tooDeep(limits), offset: node.offset };
        const isList = node.type === 'block-seq' || (node.type === 'flow-collection' && node.start.source === '[');
        const most = isList ? limits.maxItems : limits.maxKeys;
        if (node.items.length > most)
          return {
            reason: `too many entries in one ${isList ? 'list' : 'mapping'} (more than ${most.toLocaleString('en')})`,
            offset: node.offset,
          };
        for (const item of node.items) {
          if ('key' in item) stack.push({ node: item.key, depth: depth + 1 });
          stack.push({ node: item.value, depth: depth + 1 });
        }
        break;
      }
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        if (node.source.length > limits.maxString)
          return {
            reason: `a text too long (${node.source.length.toLocaleString('en')} characters; at most ${limits.maxString.toLocaleString('en')})`,
            offset: node.offset,
          };
        break;
      case 'alias':
        return { reason: ALIAS, offset: node.offset };
      default:
        break;
    }
  }
  return undefined;
}
