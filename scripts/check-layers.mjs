// Checks the rooms of src/ (see ARCHITECTURE.md): each folder imports only the folders below it,
// so no folder imports a folder that imports it back. Type-only imports count too: a room that
// needs another's types depends on it. Run by npm test; `--graph` prints who imports whom.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../src/', import.meta.url));

/** The domain rooms, bottom to top: none of them prints or prompts. */
const DOMAIN = [
  'errors',
  'clock',
  'git',
  'store',
  'crypto',
  'journal',
  'reading',
  'rituals',
  'templates',
  'decks',
  'sync',
  'schedule',
];

/** Rooms every room may import: small helpers that import nothing of src/ (plural.ts: "1 file", "2 files"; spawn.ts: node's spawn, loaded when first used; short-hash.ts; heap.ts: the young generation kept small; shell-word.ts: a word quoted for a shell; timer.ts: a clock for deadlines; file-calls.ts: node's file calls as promises without fs/promises; unsafe-chars.ts: the characters every output and check neutralises; years.ts: the calendar years a journal's dates may name; many.ts: lists of any length appended and compared without spreading them into a call; columns.ts: how many columns a text takes on a terminal, and where its characters as shown end). */
const EVERYWHERE = [
  'plural',
  'spawn',
  'short-hash',
  'heap',
  'shell-word',
  'timer',
  'file-calls',
  'unsafe-chars',
  'years',
  'many',
  'columns',
];

/** Each room and the rooms it may import. The entry points at the top may import any room. */
const ALLOWED = {
  errors: [],
  plural: [],
  spawn: [],
  'short-hash': [],
  heap: [],
  'shell-word': [],
  timer: [],
  'file-calls': [],
  'unsafe-chars': [],
  years: [],
  many: [],
  columns: [],
  clock: ['errors'],
  git: ['errors'],
  store: ['errors', 'git'],
  crypto: ['errors', 'git', 'store'],
  journal: ['errors', 'git', 'store', 'crypto'],
  reading: ['errors', 'git', 'store', 'journal'],
  rituals: ['errors', 'store'],
  templates: ['errors', 'store'],
  decks: ['errors', 'store', 'templates'],
  sync: ['errors', 'git', 'store', 'journal'],
  schedule: ['errors'],
  ui: ['errors', 'store', 'reading', 'rituals', 'templates', 'decks', 'sync'],
  prompts: ['errors', 'templates'],
  app: [...DOMAIN, 'ui', 'prompts'],
  commands: [...DOMAIN, 'ui', 'prompts', 'app'],
  startup: [],
  program: null,
  cli: null,
  launcher: null,
  'shell-prompt': null,
  'shell-complete': null,
};

function roomOf(file) {
  const rel = path.relative(src, file).split(path.sep);
  return rel.length === 1 ? rel[0].replace(/\.[jt]s$/, '') : rel[0];
}

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const full = path.join(dir, item.name);
    return item.isDirectory() ? sources(full) : item.name.endsWith('.ts') ? [full] : [];
  });
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]+)\1/gm;
const edges = new Map();
const problems = [];
for (const file of sources(src)) {
  const from = roomOf(file);
  if (!(from in ALLOWED))
    problems.push(`${path.relative(src, file)}: "${from}" is not a room listed in scripts/check-layers.mjs`);
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const target = path.resolve(path.dirname(file), match[2]);
    if (path.relative(src, target).startsWith('..')) continue; // package.json and the like
    const to = roomOf(target);
    if (to === from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from).add(to);
    const allowed = ALLOWED[from];
    if (allowed && !allowed.includes(to) && !EVERYWHERE.includes(to))
      problems.push(`${path.relative(src, file)} imports ${match[2]}: ${from} may not import ${to}`);
  }
}

if (process.argv.includes('--graph')) {
  for (const [from, tos] of [...edges].sort()) console.log(`${from} → ${[...tos].sort().join(', ')}`);
}
if (problems.length > 0) {
  console.error(`check-layers: ${problems.length} import(s) across the rooms' order:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
