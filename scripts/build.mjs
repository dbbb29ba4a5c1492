// Bundles src/ into dist/ so start-up reads two files instead of hundreds in node_modules or
// dozens of shared chunks: one whole-program bundle per command (dist/run-NAME.js, holding the
// program and only that command; the manifest's other imports are left out), one without any
// command for the listing, --help, --version and unknown commands (dist/run.js), and the
// launcher dist/cli.js, which reads which command the arguments name and loads its bundle.
// A process loads exactly one bundle, so each module exists once in it (one error class, one
// colour policy). The lazy imports inside a bundle stay lazy: bundled, but not run until needed.
// Then writes what is made from the commands' own definitions (never written twice): the man
// page (dist/man/intimacy.1) and the commands as --help shows them (dist/commands.json), which
// shell completion reads instead of loading every command on each Tab.
// Run as a script (`npm run build`), or imported by the test set-up, which builds before any test.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, context } from 'esbuild';

const root = new URL('..', import.meta.url);

const shared = {
  absWorkingDir: fileURLToPath(root),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Some bundled CommonJS dependencies call require() on node built-ins.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
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
 * One context rebuilt once per command: esbuild parses each file once and only links and
 * prints again, so 30 bundles cost little more than one.
 */
async function bundles(commands) {
  const wanted = { module: undefined };
  const ctx = await context({
    ...shared,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/run.js',
    write: false,
    plugins: [onlyCommand(wanted)],
  });
  try {
    mkdirSync(new URL('dist', root), { recursive: true });
    for (const { name, module } of commands) {
      wanted.module = module;
      const { outputFiles } = await ctx.rebuild();
      writeFileSync(new URL(`dist/run-${name}.js`, root), outputFiles[0].contents);
    }
  } finally {
    await ctx.dispose();
  }
}

/**
 * dist/run.js, for --help, --version and unknown commands: its rarely needed parts (the journal
 * finder, the output and errors modules) stay chunks of their own, loaded only when used.
 */
function withoutCommands() {
  return build({
    ...shared,
    entryPoints: { run: 'src/cli.ts' },
    outdir: 'dist',
    splitting: true,
    plugins: [onlyCommand({ module: undefined })],
  });
}

/** dist/cli.js: which command the arguments name (commands/plan.ts) picks the bundle to load. */
function launcher(names) {
  return build({
    ...shared,
    banner: {},
    stdin: {
      contents: [
        "import { planOf } from './src/commands/plan.ts';",
        `const bundled = new Set(${JSON.stringify(names)});`,
        'const { command } = planOf(process.argv.slice(2));',
        "const file = command !== undefined && bundled.has(command) ? './run-' + command + '.js' : './run.js';",
        'await import(file);',
      ].join('\n'),
      resolveDir: fileURLToPath(root),
      sourcefile: 'launcher.ts',
      loader: 'ts',
    },
    outfile: 'dist/cli.js',
  });
}

export async function buildCli() {
  rmSync(new URL('dist', root), { recursive: true, force: true });
  const commands = manifestCommands();
  await Promise.all([launcher(commands.map((c) => c.name)), withoutCommands(), bundles(commands)]);
  await writeDescriptions();
}

/** Loads every command's definition (a bundle of its own, outside dist/) and writes what is made of them. */
async function writeDescriptions() {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'intimacy-build-'));
  try {
    const outfile = path.join(scratch, 'describe.mjs');
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
