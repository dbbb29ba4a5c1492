import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Entry, serializeEntry } from '../../src/store/entry.js';
import { entryLocation } from '../../src/store/naming.js';
import { git } from './cli.js';

export interface EntrySeed {
  type: string;
  author: string;
  /** ISO 8601 with offset */
  date: string;
  fields?: Record<string, unknown>;
  body?: string;
  tags?: string[];
}

/** Writes entries straight to disk, the way intimacy names them, and commits them in one go. */
export function seedEntries(journal: string, seeds: EntrySeed[], env: NodeJS.ProcessEnv): string[] {
  const paths: string[] = [];
  for (const seed of seeds) {
    const entry: Entry = {
      type: seed.type,
      author: seed.author,
      date: seed.date,
      tags: seed.tags ?? [],
      fields: seed.fields ?? {},
      body: seed.body ?? `## Note\n\n${seed.type} by ${seed.author}\n`,
    };
    const location = entryLocation(new Date(seed.date), seed.type, seed.author);
    let name = `${location.stem}.md`;
    for (let n = 2; paths.includes(`${location.dir}/${name}`); n++) name = `${location.stem}-${n}.md`;
    mkdirSync(path.join(journal, location.dir), { recursive: true, mode: 0o700 });
    writeFileSync(path.join(journal, location.dir, name), serializeEntry(entry), { mode: 0o600 });
    paths.push(`${location.dir}/${name}`);
  }
  git(journal, ['add', '--all', 'entries'], env);
  git(
    journal,
    ['-c', 'user.name=Seed', '-c', 'user.email=seed@example.org', 'commit', '-q', '-m', 'Seed entries'],
    env,
  );
  return paths;
}
