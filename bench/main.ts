import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { binPath, CASES, MEMORY_TARGET_MIB, type Setup } from './cases.js';
import { type GenerateResult, generateJournal } from './generate.js';
import { hasGnuTime } from './measure.js';
import { resultTable } from './report.js';
import { type CaseResult, runCase } from './run.js';

/**
 * npm run bench [-- --runs N] [--entries N] [--journal-root DIR] [--keep]; npm run -s bench -- --json
 * npm run bench -- --generate-only DIR
 * A report, not a test: it exits 0 whatever the figures say.
 */
const USAGE = `usage: npm run [-s] bench -- [--runs N] [--entries N] [--only NAME,...] [--json] [--journal-root DIR] [--keep]
       npm run bench -- --generate-only DIR [--entries N]`;

interface Options {
  runs: number;
  entries: number;
  json: boolean;
  keep: boolean;
  only?: string[];
  generateOnly?: string;
  journalRoot?: string;
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function positive(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
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
          only: { type: 'string' },
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
  return {
    runs: positive(v.runs, '--runs', 7),
    entries: positive(v.entries, '--entries', 10_000),
    json: v.json ?? false,
    keep: v.keep ?? false,
    only: v.only
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    generateOnly: v['generate-only'],
    journalRoot: v['journal-root'],
  };
}

/** A journal root holds journal/, remote.git/ and home/ (the benchmark user's HOME). */
function layout(root: string): { journalDir: string; remoteDir: string; home: string } {
  return {
    journalDir: path.join(root, 'journal'),
    remoteDir: path.join(root, 'remote.git'),
    home: path.join(root, 'home'),
  };
}

async function generateInto(root: string, entries: number, log: (m: string) => void): Promise<GenerateResult> {
  const { journalDir, remoteDir } = layout(root);
  if (existsSync(journalDir) || existsSync(remoteDir)) fail(`${root} already holds a journal; choose a new folder.`);
  mkdirSync(root, { recursive: true });
  log(`Generating ${entries} entries in ${journalDir}…`);
  const result = await generateJournal({ journalDir, remoteDir, entries });
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

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const log = (message: string): void => void process.stderr.write(message + '\n');
  if (options.generateOnly) {
    await generateInto(path.resolve(options.generateOnly), options.entries, log);
    return;
  }

  const projectRoot = process.cwd();
  const bin = binPath(projectRoot);
  if (!existsSync(bin)) fail(`run it from the project folder (no ${bin}).`);
  const reuse = options.journalRoot !== undefined;
  const root = reuse
    ? path.resolve(options.journalRoot as string)
    : realpathSync(mkdtempSync(path.join(os.tmpdir(), 'intimacy-bench-')));
  let generated: GenerateResult | undefined;
  if (!reuse) generated = await generateInto(root, options.entries, log);
  else if (!existsSync(layout(root).journalDir))
    fail(`${root} has no journal/; make one with --generate-only ${root}.`);
  const { journalDir, home } = layout(root);
  const setup: Setup = { bin, journalDir, env: benchEnv(home, journalDir) };

  const withTime = hasGnuTime();
  if (!withTime) log('GNU time (/usr/bin/time) is missing: peak memory is not measured (apt-get install time).');
  const cases = options.only ? CASES.filter((c) => options.only?.some((o) => c.name.includes(o))) : CASES;
  log(`Measuring ${cases.length} commands, ${options.runs} runs each after a warm-up, beside their floors…`);
  const results: CaseResult[] = [];
  // A busy shared machine inflates both sides of every ratio; the load says how busy it was.
  const loadBefore = os.loadavg()[0] ?? 0;
  try {
    for (const benchCase of cases) {
      try {
        results.push(runCase(setup, benchCase, { runs: options.runs, withTime, log }));
      } catch (error) {
        // A broken floor (say, no remote to fetch from) costs its row, not the report.
        const problem = error instanceof Error ? error.message : String(error);
        results.push({
          name: benchCase.name,
          args: benchCase.args,
          floor: benchCase.floor,
          target: benchCase.target,
          status: 'failed',
          problem,
        });
      }
    }
  } finally {
    if (!reuse && !options.keep) rmSync(root, { recursive: true, force: true });
    else log(`The journal stays in ${journalDir}.`);
  }

  if (options.json) {
    const machine = {
      cpus: os.cpus().length,
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      git: version('git', ['--version']),
      loadAverage: { before: loadBefore, after: os.loadavg()[0] ?? 0 },
    };
    const report = {
      machine,
      entries: generated?.entries ?? null,
      generateMs: generated?.ms ?? null,
      runs: options.runs,
      memory: withTime ? 'GNU time %M: peak RSS of the largest process in the tree' : 'not measured',
      memoryTargetMiB: MEMORY_TARGET_MIB,
      results,
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    const load = `load average ${loadBefore.toFixed(1)} before, ${(os.loadavg()[0] ?? 0).toFixed(1)} after`;
    const size = generated ? `${generated.entries} entries` : `the journal in ${journalDir}`;
    process.stdout.write(resultTable(results) + '\n\n');
    process.stdout.write(
      `${size}; median of ${options.runs} runs after a warm-up; ${os.cpus().length} CPUs, ${load}; node ${process.version}.\n`,
    );
  }
}

await main();
