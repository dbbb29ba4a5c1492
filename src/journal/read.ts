import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseEntry, type Entry } from './entry.js';
import { ENTRIES_DIR, parseEntryName, type EntryName } from './naming.js';

/** An entry file found on disk, known by its name only (nothing read yet). */
export interface EntryFile extends EntryName {
  /** relative to the journal, forward slashes */
  relPath: string;
}

async function subfolders(dir: string, pattern: RegExp): Promise<string[]> {
  try {
    const items = await fs.readdir(dir, { withFileTypes: true });
    return items.filter((item) => item.isDirectory() && pattern.test(item.name)).map((item) => item.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Every entry file under entries/YYYY/MM/, oldest first, from folder listings alone.
 * Files whose names are not entry names (temp files, strays) are passed over; links are not followed.
 */
export async function listEntryFiles(journalDir: string): Promise<EntryFile[]> {
  const root = path.join(journalDir, ENTRIES_DIR);
  const files: EntryFile[] = [];
  for (const year of await subfolders(root, /^\d{4}$/)) {
    for (const month of await subfolders(path.join(root, year), /^\d{2}$/)) {
      const items = await fs.readdir(path.join(root, year, month), { withFileTypes: true });
      for (const item of items) {
        if (!item.isFile()) continue;
        const name = parseEntryName(item.name);
        if (name) files.push({ ...name, relPath: `${ENTRIES_DIR}/${year}/${month}/${item.name}` });
      }
    }
  }
  return files.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Reads and parses one entry; throws EntryFormatError naming the file when it is malformed. */
export async function readEntryFile(journalDir: string, file: Pick<EntryFile, 'relPath'>): Promise<Entry> {
  const text = await fs.readFile(path.join(journalDir, file.relPath), 'utf8');
  return parseEntry(text, file.relPath);
}
