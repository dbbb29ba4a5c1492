// Bundles src/ into dist/ so start-up reads two files instead of hundreds in node_modules or
// dozens of shared chunks: one whole-program bundle per command (dist/run-NAME.js, holding the
// program and only that command; the manifest's other imports are left out), one without any
// command for the listing, --help, --version and unknown commands (dist/run.js), and the
// launcher dist/cli.js (src/launcher.ts), which reads which command the arguments name and runs
// its bundle with the code V8 compiled for it on an earlier run (src/startup/compile-cache.ts).
// The bundles are CommonJS (dist/package.json says so): node starts a CommonJS program without
// its ES module loader, and V8 can take compiled code for a script, not for an ES module.
// A process loads exactly one bundle, so each module exists once in it (one error class, one
// colour policy). The lazy imports inside a bundle stay lazy: bundled, but not run until needed.
// Then writes what is made from the commands' own definitions (never written twice): the man
// page (dist/man/intimacy.1) and the commands as --help shows them (dist/commands.json), which
// shell completion reads instead of loading every command on each Tab.
// Run as a script (`npm run build`), or imported by the test set-up, which builds before any test.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, context } from 'esbuild';

const root = new URL('..', import.meta.url);

/**
 * The build's id: a hash of what it is made from (the sources and the locked dependencies), so
 * that a rebuild of the same code keeps what that code computed (app/memo.ts) and its compiled
 * code, and any change of it does not.
 */
function buildId() {
  const hash = createHash('sha256');
  const files = readdirSync(new URL('src', root), { recursive: true, withFileTypes: true })
    .filter((item) => item.isFile())
    .map((item) => path.join(item.parentPath ?? item.path, item.name))
    .sort();
  for (const file of [...files, fileURLToPath(new URL('package-lock.json', root))])
    hash
      .update(path.relative(fileURLToPath(root), file))
      .update('\0')
      .update(readFileSync(file))
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}

const shared = {
  absWorkingDir: fileURLToPath(root),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // The sources find their templates and decks from their own place, as ES modules do. The
  // build's id stamps what its code computed (app/memo.ts): the same in all its bundles.
  define: { 'import.meta.url': 'import_meta_url', BUILD_ID: JSON.stringify(buildId()) },
  banner: { js: "var import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
};

const MANIFEST = 'src/commands/manifest.ts';

/** Each command's name and the module the manifest loads it from. */
export function manifestCommands() {
  const text = readFileSync(new URL(MANIFEST, root), 'utf8');
  const commands = [...text.matchAll(/name: '([a-z][a-z-]*)',[^}]*?load: \(\) => import\('\.\/([\w-]+)\.js'\)/g)].map(
    ([, name, module]) => ({ name, module }),
  );
  const loads = text.match(/load: \(\) => import\(/g)?.length ?? 0;
  if (commands.length === 0 || commands.length !== loads)
    throw new Error(`build: read ${commands.length} commands from ${MANIFEST} but it has ${loads} loads`);
  return commands;
}

/**
 * Leaves out of a bundle every command module the manifest loads, but the one `wanted.module`
 * names (none: the bundle without commands). Changed between rebuilds of one context.
 */
function onlyCommand(wanted) {
  return {
    name: 'only-command',
    setup(b) {
      b.onResolve({ filter: /^\.\/[\w-]+\.js$/ }, (args) =>
        args.importer.endsWith(path.normalize(MANIFEST)) && args.path !== `./${wanted.module}.js`
          ? { path: 'command', namespace: 'left-out' }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({
        contents: "export function command() { throw new Error('this command is not in this bundle'); }",
        loader: 'js',
      }));
    },
  };
}

/**
 * The prompt library (@inquirer/prompts: 0.9 MB with the character set tables of its editor
 * prompt) is a file of its own, dist/prompts.js, which prompts/index.ts loads when a question is
 * asked: a command that asks nothing (a note given inline, --answers, no terminal) no longer
 * reads and decodes it with its bundle on every run.
 */
const PROMPTS = '@inquirer/prompts';
const promptsApart = {
  name: 'prompts-apart',
  setup(b) {
    b.onResolve({ filter: /^@inquirer\/prompts$/ }, (args) =>
      args.importer.endsWith(path.normalize('src/prompts/index.ts'))
        ? { path: PROMPTS, namespace: 'apart' }
        : undefined,
    );
    // A require, not an import(): the launcher runs bundles as scripts, whose import() has no loader.
    b.onLoad({ filter: /.*/, namespace: 'apart' }, () => ({
      contents: "module.exports = require('./prompts.js');",
      loader: 'js',
    }));
    b.onResolve({ filter: /^\.\/prompts\.js$/ }, (args) =>
      args.namespace === 'apart' ? { path: './prompts.js', external: true } : undefined,
    );
  },
};

/**
 * One dependency's import of `request` answered by `contents` (a small module of our own), so
 * that what it loads at start-up and never needs is loaded only when used, or not at all.
 */
function importInstead(name, pkg, request, contents) {
  const folder = `/node_modules/${pkg}/`;
  return {
    name,
    setup(b) {
      // `request` is a plain module name (letters, `:`, `#`, `-`): it stands for itself in the filter.
      b.onResolve({ filter: new RegExp(`^${request}$`) }, (args) =>
        args.importer.split(path.sep).join('/').includes(folder) ? { path: request, namespace: name } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: name }, () => ({ contents, loader: 'js' }));
    },
  };
}

/**
 * commander requires node:child_process when it loads, for subcommands that are programs of
 * their own (we have none); child_process brings net, dgram and most of the streams with it.
 * commander gets a `spawn` that loads it when called, so `--help`, which starts no git, never
 * loads it; every other command loads it anyway, for git.
 */
const commanderSpawnsLazily = importInstead(
  'commander-spawns-lazily',
  'commander',
  'node:child_process',
  "exports.spawn = (...args) => require('node:child_process').spawn(...args);",
);

/**
 * @bomb.sh/tab (the completion engine) requires node:assert when it loads, for one check of a
 * shell's name when it writes a completion script. node:assert makes process.stderr, a stream,
 * as it loads, which every Tab paid. It gets an assert that loads node:assert when called.
 */
const tabAssertsLazily = importInstead(
  'tab-asserts-lazily',
  '@bomb.sh/tab',
  'node:assert',
  "module.exports = (...args) => require('node:assert')(...args);",
);

/**
 * chalk looks at the terminal when it loads, for its default instance, which loads node:tty
 * (and the socket module with it). We never use that instance: ui/output.ts gives each Chalk
 * its level. So chalk is handed a detection that found no colour, and a run whose output is a
 * pipe or a file loads no terminal code at all.
 */
const chalkDetectsNothing = importInstead(
  'chalk-detects-nothing',
  'chalk',
  '#supports-color',
  'export default { stdout: false, stderr: false };',
);

/**
 * The YAML parser (a quarter of a megabyte) is a file of its own, dist/yaml.js, run the first
 * time anything of it is used, with its compiled code as the launcher runs a bundle
 * (startup/compile-cache.ts, keyed by the hash of its text): most runs parse no YAML (the
 * settings and the entries' front matter come from their caches) and no longer read and set
 * it up on every start. In its place each bundle holds an object of the same names whose first
 * use runs it.
 */
const YAML_NAMES = Object.keys(createRequire(import.meta.url)('yaml'));
const COMPILE_CACHE = fileURLToPath(new URL('src/startup/compile-cache.ts', root));

function yamlApart(hash) {
  return {
    name: 'yaml-apart',
    setup(b) {
      b.onResolve({ filter: /^yaml$/ }, () => ({ path: 'yaml', namespace: 'yaml-apart' }));
      b.onLoad({ filter: /.*/, namespace: 'yaml-apart' }, () => ({
        contents: [
          `const { loadCompiled } = require(${JSON.stringify(COMPILE_CACHE)});`,
          "const file = require('node:path').join(__dirname, 'yaml.js');",
          'let yaml;',
          `const load = () => (yaml ??= loadCompiled(file, 'yaml-${hash}', process.env));`,
          `for (const name of ${JSON.stringify(YAML_NAMES)})`,
          '  Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });',
        ].join('\n'),
        loader: 'js',
        resolveDir: fileURLToPath(root),
      }));
    },
  };
}

async function yamlBundle() {
  await build({
    ...shared,
    stdin: { contents: "module.exports = require('yaml');", resolveDir: fileURLToPath(root), sourcefile: 'yaml.js' },
    outfile: 'dist/yaml.js',
  });
  return textHash('dist/yaml.js');
}

function promptsBundle() {
  return build({
    ...shared,
    stdin: { contents: `export * from '${PROMPTS}';`, resolveDir: fileURLToPath(root), sourcefile: 'prompts.js' },
    outfile: 'dist/prompts.js',
  });
}

/**
 * One context rebuilt once per command: esbuild parses each file once and only links and
 * prints again, so 30 bundles cost little more than one.
 */
async function bundles(commands, yaml) {
  const wanted = { module: undefined };
  const ctx = await context({
    ...shared,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/run.js',
    write: false,
    plugins: [onlyCommand(wanted), promptsApart, commanderSpawnsLazily, tabAssertsLazily, chalkDetectsNothing, yaml],
  });
  try {
    mkdirSync(new URL('dist', root), { recursive: true });
    // dist/run.js, without any command, answers the listing, --version and unknown commands.
    for (const { name, module } of [{ name: '', module: undefined }, ...commands]) {
      wanted.module = module;
      const { outputFiles } = await ctx.rebuild();
      writeFileSync(new URL(name === '' ? 'dist/run.js' : `dist/run-${name}.js`, root), outputFiles[0].contents);
    }
  } finally {
    await ctx.dispose();
  }
}

/**
 * What a shell runs itself, without the program: dist/shell-prompt.js (src/shell-prompt.ts,
 * `status --prompt`, the count the last status left) and dist/shell-complete.js
 * (src/shell-complete.ts, `complete -- WORDS…` at every Tab).
 */
const SHELL_BUNDLES = ['prompt', 'complete'];

function shellBundle(name, yaml) {
  return build({
    ...shared,
    entryPoints: [`src/shell-${name}.ts`],
    outfile: `dist/shell-${name}.js`,
    plugins: [tabAssertsLazily, chalkDetectsNothing, yaml],
  });
}

function textHash(file) {
  return createHash('sha256')
    .update(readFileSync(new URL(file, root)))
    .digest('hex')
    .slice(0, 16);
}

/**
 * The listing (`intimacy --help`) as dist/run.js prints it off a terminal, where commander wraps
 * it at 80 columns: the launcher prints these very bytes there without loading the program.
 */
function listing() {
  const run = spawnSync(process.execPath, [fileURLToPath(new URL('dist/run.js', root)), '--help'], {
    env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8' },
    encoding: 'utf8',
  });
  if (run.status !== 0 || run.stdout === '' || run.stderr !== '')
    throw new Error(`dist/run.js --help failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

/**
 * dist/cli.js (src/launcher.ts): which command the arguments name (commands/plan.ts) picks the
 * bundle to run; each bundle's name comes with a hash of its text, the key of its compiled code.
 */
function launcher(names) {
  const bundles = Object.fromEntries(
    ['', ...names].map((name) => [name, textHash(name === '' ? 'dist/run.js' : `dist/run-${name}.js`)]),
  );
  return build({
    ...shared,
    define: {
      ...shared.define,
      BUNDLES: JSON.stringify(bundles),
      LISTING: JSON.stringify(listing()),
      SHELL_BUNDLES: JSON.stringify(Object.fromEntries(SHELL_BUNDLES.map((n) => [n, textHash(`dist/shell-${n}.js`)]))),
    },
    entryPoints: ['src/launcher.ts'],
    outfile: 'dist/cli.js',
  });
}

export async function buildCli() {
  rmSync(new URL('dist', root), { recursive: true, force: true });
  const commands = manifestCommands();
  mkdirSync(new URL('dist', root), { recursive: true });
  const yaml = yamlApart(await yamlBundle());
  await bundles(commands, yaml);
  await promptsBundle();
  for (const name of SHELL_BUNDLES) await shellBundle(name, yaml);
  writeFileSync(new URL('dist/package.json', root), '{ "type": "commonjs" }\n');
  await launcher(commands.map((c) => c.name));
  await writeDescriptions();
}

/** Loads every command's definition (a bundle of its own, outside dist/) and writes what is made of them. */
async function writeDescriptions() {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'intimacy-build-'));
  try {
    const outfile = path.join(scratch, 'describe.cjs');
    await build({
      ...shared,
      stdin: {
        contents: [
          "export { describeProgram } from './src/program.ts';",
          "export { manPage } from './src/ui/man-page.ts';",
        ].join('\n'),
        resolveDir: fileURLToPath(root),
        loader: 'ts',
      },
      outfile,
    });
    const { describeProgram, manPage } = await import(pathToFileURL(outfile).href);
    const streams = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
    const program = await describeProgram({ env: {}, cwd: fileURLToPath(root), ...streams });
    const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
    writeFileSync(new URL('dist/commands.json', root), JSON.stringify(program) + '\n');
    mkdirSync(new URL('dist/man', root), { recursive: true });
    writeFileSync(new URL('dist/man/intimacy.1', root), manPage(program, { version }));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
