import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { binPath, CASES, memoryTargetMiB, type Setup } from './cases.js';
import { type GenerateResult, generateJournal } from './generate.js';
import { hasGnuTime } from './measure.js';
import { PEERS, type PeerEntry, peerEntry, peersOnPath, runPeers, writePeers } from './peers.js';
import { growthOf, peerTable, resultTable, type SizeReport, sizesTable } from './report.js';
import { type CaseResult, runCase } from './run.js';

/**
 * npm run bench [-- --runs N] [--entries N | --sizes N,N,...] [--peers] [--journal-root DIR] [--keep]
 * npm run -s bench -- --json; npm run bench -- --generate-only DIR
 * A report, not a test: it exits 0 whatever the figures say.
 */
const USAGE = `usage: npm run [-s] bench -- [--runs N] [--entries N | --sizes N,N,...] [--peers] [--only NAME,...] [--json] [--keep]
       npm run [-s] bench -- --journal-root DIR [--runs N] [--only NAME,...] [--json]
       npm run bench -- --generate-only DIR [--entries N]`;

interface Options {
  runs: number;
  sizes: number[];
  json: boolean;
  keep: boolean;
  peers: boolean;
  only?: string[];
  generateOnly?: string;
  journalRoot?: string;
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) fail(`${flag} takes a whole number of at least 1, not "${value}".`);
  return n;
}

function readOptions(argv: string[]): Options {
  const parsed = (() => {
    try {
      return parseArgs({
        args: argv,
        options: {
          runs: { type: 'string' },
          entries: { type: 'string' },
          sizes: { type: 'string' },
          only: { type: 'string' },
          peers: { type: 'boolean', default: false },
          json: { type: 'boolean', default: false },
          keep: { type: 'boolean', default: false },
          'generate-only': { type: 'string' },
          'journal-root': { type: 'string' },
          help: { type: 'boolean', short: 'h', default: false },
        },
      });
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
  })();
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  }
  if (v.entries !== undefined && v.sizes !== undefined) fail('give --entries or --sizes, not both.');
  const sizes = v.sizes
    ? v.sizes
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => positive(s, '--sizes'))
    : [v.entries === undefined ? 10_000 : positive(v.entries, '--entries')];
  if (sizes.length === 0) fail('--sizes takes one or more numbers of entries, e.g. --sizes 1000,10000,50000.');
  if (v['journal-root'] !== undefined && v.sizes !== undefined)
    fail('--journal-root measures the journal it names; it takes no --sizes.');
  return {
    runs: v.runs === undefined ? 7 : positive(v.runs, '--runs'),
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    json: v.json ?? false,
    keep: v.keep ?? false,
    peers: v.peers ?? false,
    only: v.only
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    generateOnly: v['generate-only'],
    journalRoot: v['journal-root'],
  };
}

/** A journal root holds journal/, remote.git/, home/ (the benchmark user's HOME) and peers/. */
function layout(root: string): { journalDir: string; remoteDir: string; home: string; peersDir: string } {
  return {
    journalDir: path.join(root, 'journal'),
    remoteDir: path.join(root, 'remote.git'),
    home: path.join(root, 'home'),
    peersDir: path.join(root, 'peers'),
  };
}

async function generateInto(
  root: string,
  entries: number,
  log: (m: string) => void,
  onEntry?: (entry: PeerEntry) => void,
): Promise<GenerateResult> {
  const { journalDir, remoteDir } = layout(root);
  if (existsSync(journalDir) || existsSync(remoteDir)) fail(`${root} already holds a journal; choose a new folder.`);
  mkdirSync(root, { recursive: true });
  log(`Generating ${entries} entries in ${journalDir}…`);
  const result = await generateJournal({
    journalDir,
    remoteDir,
    entries,
    onEntry: onEntry && ((entry, when) => onEntry(peerEntry(entry, when))),
  });
  log(
    `Generated in ${(result.ms / 1000).toFixed(1)} s: ${JSON.stringify(result.byType)}, ${result.commits} commits, pushed to ${remoteDir}.`,
  );
  return result;
}

/** The benchmark user's environment: own HOME and git identity, nothing from the caller's journal. */
function benchEnv(home: string, journalDir: string): NodeJS.ProcessEnv {
  mkdirSync(home, { recursive: true });
  const gitconfig = path.join(home, '.gitconfig');
  writeFileSync(gitconfig, '[user]\n\tname = Alex\n\temail = alex@example.invalid\n[commit]\n\tgpgsign = false\n');
  return {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    TZ: process.env.TZ ?? 'UTC',
    TERM: 'dumb',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: gitconfig,
    GIT_TERMINAL_PROMPT: '0',
    INTIMACY_JOURNAL: journalDir,
  };
}

function version(command: string, args: string[]): string {
  return spawnSync(command, args, { encoding: 'utf8' }).stdout?.trim() ?? '?';
}

function gitOrThrow(env: NodeJS.ProcessEnv): (cwd: string, args: string[]) => void {
  return (cwd, args) => {
    const result = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  };
}

interface Context {
  options: Options;
  bin: string;
  withTime: boolean;
  peersFound: ReturnType<typeof peersOnPath>;
  log: (message: string) => void;
}

/** Generates (or takes) one journal, measures every case on it, then the peers; cleans up. */
async function measureSize(context: Context, entries: number | null): Promise<SizeReport> {
  const { options, log } = context;
  const reuse = options.journalRoot !== undefined;
  const root = reuse
    ? path.resolve(options.journalRoot as string)
    : realpathSync(mkdtempSync(path.join(os.tmpdir(), 'intimacy-bench-')));
  const wantPeers = options.peers && Object.keys(context.peersFound).length > 0 && !reuse;
  const peerEntries: PeerEntry[] = [];
  let generated: GenerateResult | undefined;
  if (!reuse)
    generated = await generateInto(
      root,
      entries ?? 10_000,
      log,
      wantPeers ? (entry) => peerEntries.push(entry) : undefined,
    );
  else if (!existsSync(layout(root).journalDir))
    fail(`${root} has no journal/; make one with --generate-only ${root}.`);
  const { journalDir, home, peersDir } = layout(root);
  const setup: Setup = { bin: context.bin, journalDir, env: benchEnv(home, journalDir) };
  const memoryTarget = memoryTargetMiB(generated?.entries ?? 10_000);
  const cases = options.only ? CASES.filter((c) => options.only?.some((o) => c.name.includes(o))) : CASES;
  log(`Measuring ${cases.length} commands, ${options.runs} runs each after a warm-up, beside their floors…`);
  const results: CaseResult[] = [];
  const report: SizeReport = {
    entries: generated?.entries ?? null,
    generateMs: generated?.ms ?? null,
    memoryTargetMiB: memoryTarget,
    results,
  };
  try {
    for (const benchCase of cases) {
      try {
        results.push(
          runCase(setup, benchCase, {
            runs: options.runs,
            withTime: context.withTime,
            memoryTargetMiB: memoryTarget,
            log,
          }),
        );
      } catch (error) {
        // A broken floor (say, no remote to fetch from) costs its row, not the report.
        const problem = error instanceof Error ? error.message : String(error);
        results.push({ ...benchCase, status: 'failed', problem });
      }
    }
    if (wantPeers) {
      log(`Writing the same entries for ${Object.keys(context.peersFound).join(' and ')}, and timing them…`);
      const peers = writePeers(peersDir, context.peersFound, peerEntries, setup.env, gitOrThrow(setup.env));
      report.peers = runPeers(setup, peers, options.runs, context.withTime, log);
    }
  } finally {
    if (!reuse && !options.keep) rmSync(root, { recursive: true, force: true });
    else log(`The journal stays in ${journalDir}.`);
  }
  return report;
}

function peersNote(options: Options, found: ReturnType<typeof peersOnPath>): string | undefined {
  if (!options.peers) return undefined;
  const missing = PEERS.filter((p) => !found[p]);
  if (options.journalRoot !== undefined) return 'Peers skipped: they need a generated journal (not --journal-root).';
  if (missing.length === PEERS.length) return `Peers skipped: neither ${PEERS.join(' nor ')} is on PATH.`;
  return missing.length ? `Skipped ${missing.join(', ')}: not on PATH.` : undefined;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const log = (message: string): void => void process.stderr.write(message + '\n');
  if (options.generateOnly) {
    await generateInto(path.resolve(options.generateOnly), options.sizes[0] ?? 10_000, log);
    return;
  }

  const projectRoot = process.cwd();
  const bin = binPath(projectRoot);
  if (!existsSync(bin)) fail(`run it from the project folder (no ${bin}).`);
  const withTime = hasGnuTime();
  if (!withTime) log('GNU time (/usr/bin/time) is missing: peak memory is not measured (apt-get install time).');
  const peersFound = options.peers ? peersOnPath() : {};
  const note = peersNote(options, peersFound);
  if (note) log(note);
  const context: Context = { options, bin, withTime, peersFound, log };

  // A busy shared machine inflates both sides of every ratio; the load says how busy it was.
  const loadBefore = os.loadavg()[0] ?? 0;
  const sizes: SizeReport[] = [];
  if (options.journalRoot !== undefined) sizes.push(await measureSize(context, null));
  else for (const entries of options.sizes) sizes.push(await measureSize(context, entries));
  const loadAfter = os.loadavg()[0] ?? 0;

  if (options.json) {
    const machine = {
      cpus: os.cpus().length,
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      git: version('git', ['--version']),
      loadAverage: { before: loadBefore, after: loadAfter },
    };
    const report = {
      machine,
      runs: options.runs,
      memory: withTime ? 'GNU time %M: peak RSS of the largest process in the tree' : 'not measured',
      sizes,
      growth: growthOf(sizes),
      peers: note ?? null,
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return;
  }
  const out = (text: string): void => void process.stdout.write(text + '\n');
  for (const size of sizes) {
    out(
      size.entries === null
        ? `The journal in ${options.journalRoot}:`
        : `${size.entries.toLocaleString('en-US')} entries:`,
    );
    out(resultTable(size.results, size.memoryTargetMiB) + '\n');
    if (size.peers?.length) out(peerTable(size.peers) + '\n');
  }
  if (sizes.length > 1) out(sizesTable(sizes) + '\n');
  if (note) out(note);
  const load = `load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`;
  out(`Median of ${options.runs} runs after a warm-up; ${os.cpus().length} CPUs, ${load}; node ${process.version}.`);
}

await main();
