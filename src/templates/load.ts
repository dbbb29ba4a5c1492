import { existsSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileProblem } from '../errors.js';
import { fileCalls } from '../file-calls.js';
import { STATE_DIR, TEMPLATES_DIR } from '../store/layout.js';
import { FILE_LIMITS, foldersAreReal, readJournalText } from '../store/safe-file.js';
import { keepTemplate, knownTemplate } from './parsed-memo.js';
import { NAME_PATTERN, parseTemplate, type Template, type TemplateProblem } from './schema.js';

export type TemplateSource = 'built-in' | 'journal';

export interface LoadedTemplate {
  template: Template;
  source: TemplateSource;
  /** the file it came from (absolute) */
  file: string;
  /** true when a journal template replaces the built-in of the same name */
  overrides: boolean;
}

export interface TemplateSet {
  templates: Map<string, LoadedTemplate>;
  /** templates that failed validation, by name; they are unavailable, the rest work */
  broken: Map<string, TemplateProblem[]>;
}

/**
 * The built-in templates ship beside dist/ (package.json "files"). From the bundle the
 * folder is ../templates; from the sources (tests) it is ../../templates.
 */
export function builtinTemplatesDir(): string {
  for (const relative of ['../templates/', '../../templates/']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path.join(dir, 'checkin.yaml'))) return dir;
  }
  throw new Error('the built-in templates folder is missing from this installation');
}

/** A journal may hold this many templates; the rest are not read (and said so). */
export const MAX_JOURNAL_TEMPLATES = 200;

const YAML_NAME = /^[^.].*\.ya?ml$/;

/** The journal's templates/ folder, if it is a real folder (a link there is reported, not followed). */
function journalFolderProblem(journalDir: string): TemplateProblem | undefined {
  try {
    foldersAreReal(journalDir, TEMPLATES_DIR, TEMPLATES_DIR);
    return undefined;
  } catch (error) {
    if (error instanceof FileProblem) return { file: TEMPLATES_DIR, field: '(folder)', message: error.reason };
    throw error;
  }
}

async function yamlFiles(dir: string): Promise<string[]> {
  try {
    const names = await fileCalls.readdir(dir);
    return names.filter((name) => YAML_NAME.test(name)).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}

/** One template file: read the safe way for the journal's own, then parsed within the limits. */
function loadFile(
  folder: TemplateFolder,
  fileName: string,
  into: TemplateSet,
  builtins: TemplateSet | undefined,
  memo: TemplateMemos | undefined,
): void {
  const name = fileName.replace(/\.ya?ml$/, '');
  const file = path.join(folder.dir, fileName);
  let text: string | undefined;
  try {
    text = folder.read(fileName);
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    into.templates.delete(name);
    into.broken.set(name, [{ file: folder.shownAs(fileName), field: '(file)', message: error.reason }]);
    return;
  }
  if (text === undefined) return;
  const shownAs = folder.shownAs(fileName);
  const known = memo && knownTemplate(memo.journalDir, shownAs, name, text);
  const result = known ? { ok: true as const, template: known } : parseTemplate(text, name, shownAs);
  if (memo && !known && result.ok)
    memo.keeping.push(keepTemplate(memo.journalDir, shownAs, name, text, result.template));
  if (!result.ok) {
    // A broken override hides the built-in too: using the built-in silently would surprise.
    into.templates.delete(name);
    into.broken.set(name, result.problems);
    return;
  }
  into.broken.delete(name);
  into.templates.set(name, {
    template: result.template,
    source: folder.source,
    file,
    overrides: Boolean(builtins?.templates.has(name)),
  });
}

/** Where a run's templates as parsed are kept (parsed-memo.ts), and the writes it started. */
interface TemplateMemos {
  journalDir: string;
  keeping: Promise<void>[];
}

interface TemplateFolder {
  dir: string;
  source: TemplateSource;
  shownAs: (fileName: string) => string;
  /** the file's text, undefined when it is not there; FileProblem when it cannot be used */
  read: (fileName: string) => string | undefined;
}

function builtinFolder(dir: string): TemplateFolder {
  return {
    dir,
    source: 'built-in',
    shownAs: (fileName) => `built-in ${fileName}`,
    read: (fileName) => readJournalText(dir, fileName, { maxBytes: FILE_LIMITS.template }),
  };
}

function journalFolder(journalDir: string): TemplateFolder {
  const checked = new Set<string>();
  return {
    dir: path.join(journalDir, TEMPLATES_DIR),
    source: 'journal',
    shownAs: (fileName) => `${TEMPLATES_DIR}/${fileName}`,
    read: (fileName) =>
      readJournalText(journalDir, `${TEMPLATES_DIR}/${fileName}`, { maxBytes: FILE_LIMITS.template, checked }),
  };
}

/**
 * Built-ins first, then the journal's own templates (which win by name). With `only`, just
 * the files of that name are read (what running one template needs); a name not found that
 * way is looked for in the whole set, so the caller can list the names there are.
 */
export async function loadTemplates(
  journalDir: string | undefined,
  builtinDir = builtinTemplatesDir(),
  only?: string,
): Promise<TemplateSet> {
  if (only !== undefined && NAME_PATTERN.test(only)) {
    const one = await loadFolders(journalDir, builtinDir, (names) =>
      names.filter((n) => n.replace(/\.ya?ml$/, '') === only),
    );
    if (one.templates.has(only) || one.broken.has(only)) return one;
  }
  return loadFolders(journalDir, builtinDir, (names) => names);
}

/**
 * Only the templates of these names, each exactly as the whole set would have it (built-in,
 * the journal's own override, or broken): what showing a few entries in their template's words
 * needs, without parsing every template. As in the whole set, only the journal's first
 * MAX_JOURNAL_TEMPLATES files are read.
 */
export async function loadTemplatesNamed(
  journalDir: string | undefined,
  names: Iterable<string>,
  builtinDir = builtinTemplatesDir(),
): Promise<TemplateSet> {
  const wanted = new Set(names);
  return loadFolders(journalDir, builtinDir, (files) =>
    files.slice(0, MAX_JOURNAL_TEMPLATES).filter((file) => wanted.has(file.replace(/\.ya?ml$/, ''))),
  );
}

async function loadFolders(
  journalDir: string | undefined,
  builtinDir: string,
  pick: (names: string[]) => string[],
): Promise<TemplateSet> {
  // Only in a journal intimacy made (its .intimacy/ there): reading templates never makes folders.
  const memo: TemplateMemos | undefined =
    journalDir && lstatSync(path.join(journalDir, STATE_DIR), { throwIfNoEntry: false })?.isDirectory()
      ? { journalDir, keeping: [] }
      : undefined;
  try {
    return await loadEach(journalDir, builtinDir, pick, memo);
  } finally {
    await Promise.all(memo?.keeping ?? []);
  }
}

async function loadEach(
  journalDir: string | undefined,
  builtinDir: string,
  pick: (names: string[]) => string[],
  memo: TemplateMemos | undefined,
): Promise<TemplateSet> {
  const set: TemplateSet = { templates: new Map(), broken: new Map() };
  const builtin = builtinFolder(builtinDir);
  for (const fileName of pick(await yamlFiles(builtinDir))) loadFile(builtin, fileName, set, undefined, memo);
  if (!journalDir) return set;
  const builtins: TemplateSet = { templates: new Map(set.templates), broken: new Map() };
  const folderProblem = journalFolderProblem(journalDir);
  if (folderProblem) {
    set.broken.set(`${TEMPLATES_DIR}/`, [folderProblem]);
    return set;
  }
  const folder = journalFolder(journalDir);
  const names = pick(await yamlFiles(folder.dir));
  for (const fileName of names.slice(0, MAX_JOURNAL_TEMPLATES)) loadFile(folder, fileName, set, builtins, memo);
  if (names.length > MAX_JOURNAL_TEMPLATES)
    set.broken.set(`${TEMPLATES_DIR}/…`, [
      {
        file: TEMPLATES_DIR,
        field: '(folder)',
        message: `holds ${names.length} templates; only the first ${MAX_JOURNAL_TEMPLATES} are read`,
      },
    ]);
  return set;
}

export async function builtinTemplateText(
  name: string,
  builtinDir = builtinTemplatesDir(),
): Promise<string | undefined> {
  try {
    return await fileCalls.readFile(path.join(builtinDir, `${name}.yaml`), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
