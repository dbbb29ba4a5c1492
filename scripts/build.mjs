// Bundles src/ into dist/ so start-up reads a few files instead of hundreds in node_modules.
// Each command is imported lazily by the program; `splitting` turns those imports into chunks.
// Then writes what is made from the commands' own definitions (never written twice): the man
// page (dist/man/intimacy.1) and the commands as --help shows them (dist/commands.json), which
// shell completion reads instead of loading every command on each Tab.
// Run as a script (`npm run build`), or imported by the test set-up, which builds before any test.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

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

export async function buildCli() {
  rmSync(new URL('dist', root), { recursive: true, force: true });
  await build({ ...shared, entryPoints: ['src/cli.ts'], outdir: 'dist', splitting: true, sourcemap: 'linked' });
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
