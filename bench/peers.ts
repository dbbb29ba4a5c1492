import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Entry } from '../src/store/entry.js';
import { commandInvocation, type Setup } from './cases.js';
import { GREP_WORD } from './content.js';
import { measure, type Sample } from './measure.js';
import { alternate, firstLine, maxPeak, medianMs } from './run.js';

/**
 * The peers: jrnl and nb, when they are on PATH (the benchmark installs neither), timed on the
 * same seeded entries written in their own formats, job by job beside the same intimacy
 * command, in turn. What is compared is a user's job, not a command name.
 */
export const PEERS = ['jrnl', 'nb'] as const;
export type PeerName = (typeof PEERS)[number];

export const WRITTEN = 'the benchmark ran without a hitch';

interface PeerJob {
  job: string;
  intimacy: string[];
  peer: Record<PeerName, string[]>;
}

export const PEER_JOBS: PeerJob[] = [
  { job: 'start-up (--help)', intimacy: ['--help'], peer: { jrnl: ['--help'], nb: ['help'] } },
  {
    job: 'add one entry',
    intimacy: ['gratitude', WRITTEN],
    peer: { jrnl: [WRITTEN], nb: ['add', '--content', WRITTEN] },
  },
  { job: 'last 20', intimacy: ['log', '-n', '20'], peer: { jrnl: ['-n', '20'], nb: ['list', '-n', '20'] } },
  {
    job: `search ${GREP_WORD}`,
    intimacy: ['grep', GREP_WORD],
    peer: { jrnl: ['-contains', GREP_WORD], nb: ['search', GREP_WORD] },
  },
];

/** The peers found on PATH, each with the executable's path. */
export function peersOnPath(pathVariable = process.env.PATH ?? ''): Partial<Record<PeerName, string>> {
  const found: Partial<Record<PeerName, string>> = {};
  for (const peer of PEERS) {
    for (const dir of pathVariable.split(path.delimiter).filter(Boolean)) {
      const file = path.join(dir, peer);
      try {
        accessSync(file, constants.X_OK);
        found[peer] = file;
        break;
      } catch {
        // not in this folder
      }
    }
  }
  return found;
}

/** What the peers are given: each entry's moment, a title line and its Markdown body. */
export interface PeerEntry {
  when: Date;
  title: string;
  body: string;
}

export function peerEntry(entry: Entry, when: Date): PeerEntry {
  return { when, title: `${entry.type} by ${entry.author}.`, body: entry.body.trim() };
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** jrnl's plain-text journal, with the time format its config below names. */
export function jrnlText(entries: PeerEntry[]): string {
  const stamp = (d: Date): string =>
    `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  return entries.map((e) => `[${stamp(e.when)}] ${e.title}\n${e.body}\n\n`).join('');
}

function jrnlConfig(journalFile: string): string {
  return [
    'colors: {body: none, date: none, tags: none, title: none}',
    'default_hour: 9',
    'default_minute: 0',
    "editor: ''",
    'encrypt: false',
    'highlight: false',
    "indent_character: '|'",
    'journals:',
    `  default: {journal: ${JSON.stringify(journalFile)}}`,
    'linewrap: 79',
    "tagsymbols: '#@'",
    'template: false',
    "timeformat: '%Y-%m-%d %H:%M'",
    'version: v4.1',
    '',
  ].join('\n');
}

/** nb's notebook: one Markdown note a file named by its moment, an index, and git. */
function nbFileName(d: Date, used: Set<string>): string {
  const stem = `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
  let name = `${stem}.md`;
  for (let n = 1; used.has(name); n++) name = `${stem}-${n}.md`;
  used.add(name);
  return name;
}

export interface PeerSetup {
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Writes each found peer's copy of the entries under `root` and says how to run it there. */
export function writePeers(
  root: string,
  found: Partial<Record<PeerName, string>>,
  entries: PeerEntry[],
  env: NodeJS.ProcessEnv,
  git: (cwd: string, args: string[]) => void,
): Partial<Record<PeerName, PeerSetup>> {
  const setups: Partial<Record<PeerName, PeerSetup>> = {};
  if (found.jrnl) {
    const dir = path.join(root, 'jrnl');
    const home = path.join(dir, 'home');
    mkdirSync(path.join(home, '.config', 'jrnl'), { recursive: true });
    const journalFile = path.join(dir, 'journal.txt');
    writeFileSync(journalFile, jrnlText(entries));
    writeFileSync(path.join(home, '.config', 'jrnl', 'jrnl.yaml'), jrnlConfig(journalFile));
    setups.jrnl = {
      command: found.jrnl,
      cwd: dir,
      env: { ...env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config') },
    };
  }
  if (found.nb) {
    const dir = path.join(root, 'nb');
    const nbDir = path.join(dir, 'notebooks');
    const notebook = path.join(nbDir, 'home');
    mkdirSync(notebook, { recursive: true });
    const used = new Set<string>();
    const names = entries.map((e) => {
      const name = nbFileName(e.when, used);
      writeFileSync(path.join(notebook, name), `# ${e.title}\n\n${e.body}\n`);
      return name;
    });
    writeFileSync(path.join(notebook, '.index'), names.join('\n') + '\n');
    writeFileSync(path.join(nbDir, '.current'), 'home\n');
    writeFileSync(path.join(dir, 'nbrc'), '');
    git(notebook, ['init', '--quiet']);
    git(notebook, ['add', '-A']);
    git(notebook, ['commit', '--quiet', '--no-verify', '-m', '[nb] Import']);
    setups.nb = {
      command: found.nb,
      cwd: notebook,
      env: { ...env, NB_DIR: nbDir, NBRC_PATH: path.join(dir, 'nbrc'), EDITOR: 'true', NB_AUTO_SYNC: '0' },
    };
  }
  return setups;
}

export interface PeerResult {
  job: string;
  peer: PeerName;
  intimacyMs?: number;
  peerMs?: number;
  /** intimacy's median ÷ the peer's: below 1 is intimacy faster */
  ratio?: number;
  intimacyPeakMiB?: number;
  peerPeakMiB?: number;
  problem?: string;
}

/** Every job for every peer set up: a warm-up of each, then intimacy and the peer in turn. */
export function runPeers(
  setup: Setup,
  peers: Partial<Record<PeerName, PeerSetup>>,
  runs: number,
  withTime: boolean,
  log: (message: string) => void,
): PeerResult[] {
  const results: PeerResult[] = [];
  for (const peer of PEERS) {
    const peerSetup = peers[peer];
    if (!peerSetup) continue;
    for (const job of PEER_JOBS) {
      const ours = (): Sample => measure(commandInvocation(setup, job.intimacy), withTime);
      const theirs = (): Sample => {
        const sample = measure({ ...peerSetup, args: job.peer[peer] }, withTime);
        if (sample.code !== 0) throw new Error(`exit ${sample.code}: ${firstLine(sample.stderr)}`);
        return sample;
      };
      try {
        ours();
        theirs();
        const paired = alternate(ours, theirs, runs);
        if (paired.problem) throw new Error(`intimacy: ${paired.problem}`);
        const intimacyMs = medianMs(paired.a);
        const peerMs = medianMs(paired.b);
        log(`  ${job.job}: intimacy ${intimacyMs.toFixed(0)} ms vs ${peer} ${peerMs.toFixed(0)} ms`);
        results.push({
          job: job.job,
          peer,
          intimacyMs,
          peerMs,
          ratio: intimacyMs / peerMs,
          intimacyPeakMiB: maxPeak(paired.a),
          peerPeakMiB: maxPeak(paired.b),
        });
      } catch (error) {
        results.push({ job: job.job, peer, problem: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return results;
}
