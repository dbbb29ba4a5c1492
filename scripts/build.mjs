// Bundles src/ into dist/ so start-up reads a few files instead of hundreds in node_modules.
// Each command is imported lazily by the program; `splitting` turns those imports into chunks.
// Run as a script (`npm run build`), or imported by the test set-up, which builds before any test.

import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url);

export async function buildCli() {
  rmSync(new URL('dist', root), { recursive: true, force: true });
  await build({
    absWorkingDir: fileURLToPath(root),
    entryPoints: ['src/cli.ts'],
    outdir: 'dist',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    // Some bundled CommonJS dependencies call require() on node built-ins.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
