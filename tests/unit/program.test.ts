import { Help } from 'commander';
import { describe, expect, it } from 'vitest';
import type { Launch } from '../../src/commands/context.js';
import { COMMANDS } from '../../src/commands/manifest.js';
import { promptPlan } from '../../src/commands/plan.js';
import { buildProgram, planOf } from '../../src/program.js';

const launch: Launch = { env: {}, cwd: '/', stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

describe('the command manifest', () => {
  it('lists every command as its definition would: the same term, and the summary as its description', async () => {
    const help = new Help();
    for (const entry of COMMANDS) {
      const program = await buildProgram(launch, entry);
      const built = program.commands.find((command) => command.name() === entry.name)!;
      expect(help.subcommandTerm(built), entry.name).toBe(entry.term);
      expect(built.description(), entry.name).toBe(entry.summary);
    }
  });

  it('builds only the command that runs; the others are listed, in the order of the help', async () => {
    const running = COMMANDS.find((entry) => entry.name === 'log')!;
    const program = await buildProgram(launch, running);
    expect(program.commands.map((command) => command.name())).toEqual(COMMANDS.map((entry) => entry.name));
    const log = program.commands.find((command) => command.name() === 'log')!;
    const status = program.commands.find((command) => command.name() === 'status')!;
    expect(log.options.length).toBeGreaterThan(0);
    expect(status.options).toEqual([]);
  });
});

describe('which command runs', () => {
  it.each([
    [['status'], { command: 'status', help: false }],
    [['--journal', 'status', 'log'], { command: 'log', help: false, journal: 'status' }],
    [['-j', '/j', 'log', '-n', '3'], { command: 'log', help: false, journal: '/j' }],
    [['-j/j', 'show', 'last'], { command: 'show', help: false, journal: '/j' }],
    [['--journal=/j', '--me', 'grep', 'sync'], { command: 'sync', help: false, journal: '/j' }],
    [['log', '--journal', '/late'], { command: 'log', help: false, journal: '/late' }],
    [['--no-color', '--debug', 'gratitude', 'the', 'walk'], { command: 'gratitude', help: false }],
    [['help', 'templates'], { command: 'templates', help: true }],
    [['help'], { command: undefined, help: true }],
    [['grep', '--help'], { command: 'grep', help: true }],
    [['--', 'status'], { command: 'status', help: false }],
    [[], { command: undefined, help: false }],
    [['--version'], { command: undefined, help: false, options: true }],
    [['--no-input'], { command: undefined, help: false }],
  ])('%j', (args, expected) => {
    expect(planOf(args)).toEqual({ journal: undefined, ...expected });
  });
});

describe('which arguments the prompt answers on its own', () => {
  it.each([
    [['status', '--prompt'], {}],
    [['--journal', '/j', 'status', '--prompt'], { journal: '/j' }],
    [['status', '--prompt', '-j', '/j'], { journal: '/j' }],
    [['-j/j', 'status', '--prompt'], { journal: '/j' }],
    [['--no-color', 'status', '--journal=/j', '--prompt', '--no-input'], { journal: '/j' }],
  ])('%j', (args, expected) => {
    expect(promptPlan(args)).toEqual(expected);
  });

  it.each([
    [['status']],
    [['status', '--prompt', '--json']],
    [['status', '--prompt', '--me', 'Jordan']],
    [['status', '--prompt', '--debug']],
    [['--journal', '', 'status', '--prompt']],
    [['status', '--prompt', '--journal']],
    [['status', '--prompt', 'extra']],
    [['--prompt', 'status']],
    [['help', 'status', '--prompt']],
    [['status', '--prompt', '--help']],
  ])('%j goes to the status command', (args) => {
    expect(promptPlan(args)).toBeUndefined();
  });
});
