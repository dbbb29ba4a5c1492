// npm run bench: bundles bench/ (which imports src/journal) with esbuild, then runs it.
// The CLI being measured is the normal build in dist/, made by `npm run build` first.

import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const outfile = 'node_modules/.cache/intimacy-bench/bench.mjs';
await build({
  entryPoints: ['bench/main.ts'],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
await import(pathToFileURL(outfile).href);
