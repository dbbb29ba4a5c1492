/*
 * What went wrong in a hand-edited YAML block, in plain words and with one line number counted
 * in the file, instead of the parser's own jargon ("Flow sequence in block collection must be
 * sufficiently indented…") and its second, block-relative position.
 */

export interface PlainYamlProblem {
  /** the line in the file (1 = its first line), when the parser knows it */
  line?: number;
  reason: string;
}

/** What the yaml package's errors carry (a YAMLParseError; an unresolved alias is a plain Error). */
export interface YamlErrorLike {
  code?: string;
  message: string;
  linePos?: [{ line: number; col: number }, ...unknown[]];
}

/** `lineOffset`: how many lines of the file come before the YAML (1 for front matter after `---`). */
export function plainYamlProblem(error: YamlErrorLike, yaml: string, lineOffset = 0): PlainYamlProblem {
  const yamlLine = error.linePos?.[0]?.line;
  const text = yamlLine === undefined ? undefined : yaml.split(/\r?\n/)[yamlLine - 1];
  const field = text === undefined ? undefined : /^\s*([A-Za-z_][\w-]*)\s*:/.exec(text)?.[1];
  const words = plainWords(error);
  return {
    ...(yamlLine === undefined ? {} : { line: yamlLine + lineOffset }),
    reason: field ? `${words} (the "${field}" field)` : words,
  };
}

function plainWords(error: YamlErrorLike): string {
  const said = error.message.split('\n')[0] ?? '';
  switch (error.code) {
    case 'MISSING_CHAR':
      return /quote/.test(said) ? 'a quote is opened and never closed' : 'a closing bracket or quote is missing';
    case 'BAD_INDENT':
      return /Flow sequence|Flow mapping/.test(said)
        ? 'a list or mapping opened with [ or { is not closed'
        : 'this line is indented differently from the fields around it';
    case 'TAB_AS_INDENT':
      return 'a tab is used to indent; use spaces';
    case 'DUPLICATE_KEY':
      return 'this field appears twice';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a field name needs a colon after it, as in author: "Alex"';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'the value holds ": "; put the whole value in double quotes';
    case 'UNEXPECTED_TOKEN':
      return 'something follows the value that does not belong to it; put the whole value in double quotes';
    case 'BAD_SCALAR_START':
      return 'a value cannot start with this character; put it in double quotes';
    case 'BAD_DQ_ESCAPE':
      return 'a backslash inside double quotes starts an unknown escape; write \\\\ for a backslash';
    default:
      if (/alias/i.test(said))
        return 'a value starting with * or & means something else in YAML; put it in double quotes';
      return said.replace(/ at line \d+, column \d+/, '').replace(/:\s*$/, '') || 'this is not valid YAML';
  }
}
