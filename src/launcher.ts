import path from 'node:path';
import { planOf } from './commands/plan.js';
import { loadCompiled } from './startup/compile-cache.js';

/**
 * The build's launcher (dist/cli.js): reads which command the arguments name, with the same
 * reading the program uses, and runs that command's bundle (dist/run-NAME.js), or dist/run.js
 * for the listing, --version and unknown commands. The build fills in BUNDLES: each bundle's
 * name and a hash of its text, which keys its compiled code (startup/compile-cache.ts).
 */

declare const BUNDLES: Record<string, string>;

const { command } = planOf(process.argv.slice(2));
// Only a name the build made a bundle for: a word like `../x` never reaches the file system.
const name = command !== undefined && Object.hasOwn(BUNDLES, command) && command !== '' ? command : '';
const file = path.join(__dirname, name === '' ? 'run.js' : `run-${name}.js`);
loadCompiled(file, `${name || 'run'}-${BUNDLES[name]}`, process.env);
