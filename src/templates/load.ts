import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEMPLATES_DIR } from '../store/layout.js';
import { parseTemplate, type Template, type TemplateProblem } from './schema.js';

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

async function yamlFiles(dir: string): Promise<string[]> {
  try {
    const names = await fs.readdir(dir);
    return names.filter((name) => /^[^.].*\.ya?ml$/.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function loadFolder(
  dir: string,
  source: TemplateSource,
  shownAs: (name: string) => string,
  into: TemplateSet,
  builtins?: TemplateSet,
): Promise<void> {
  for (const fileName of await yamlFiles(dir)) {
    const name = fileName.replace(/\.ya?ml$/, '');
    const file = path.join(dir, fileName);
    const result = parseTemplate(await fs.readFile(file, 'utf8'), name, shownAs(fileName));
    if (!result.ok) {
      // A broken override hides the built-in too: using the built-in silently would surprise.
      into.templates.delete(name);
      into.broken.set(name, result.problems);
      continue;
    }
    into.broken.delete(name);
    into.templates.set(name, {
      template: result.template,
      source,
      file,
      overrides: Boolean(builtins?.templates.has(name)),
    });
  }
}

/** Built-ins first, then the journal's own templates (which win by name). */
export async function loadTemplates(
  journalDir: string | undefined,
  builtinDir = builtinTemplatesDir(),
): Promise<TemplateSet> {
  const set: TemplateSet = { templates: new Map(), broken: new Map() };
  await loadFolder(builtinDir, 'built-in', (file) => `built-in ${file}`, set);
  const builtins: TemplateSet = { templates: new Map(set.templates), broken: new Map() };
  if (journalDir)
    await loadFolder(
      path.join(journalDir, TEMPLATES_DIR),
      'journal',
      (file) => `${TEMPLATES_DIR}/${file}`,
      set,
      builtins,
    );
  return set;
}

export async function builtinTemplateText(
  name: string,
  builtinDir = builtinTemplatesDir(),
): Promise<string | undefined> {
  try {
    return await fs.readFile(path.join(builtinDir, `${name}.yaml`), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
