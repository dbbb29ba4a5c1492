import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARGUMENT_VALUES, completionLines, OPTION_VALUES } from '../../src/app/completion.js';
import type { Launch } from '../../src/commands/context.js';
import { describeProgram } from '../../src/program.js';
import type { CommandSpec } from '../../src/ui/command-spec.js';
import { ROOT } from '../helpers/cli.js';

const launch: Launch = { env: {}, cwd: '/', stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

function everyCommand(spec: CommandSpec): CommandSpec[] {
  return [spec, ...spec.commands.flatMap(everyCommand)];
}

describe('the description of the commands', () => {
  it('that the build wrote (dist/commands.json) is the one the sources give', async () => {
    const built = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'commands.json'), 'utf8'));
    expect(built).toEqual(await describeProgram(launch));
  });

  it('names a real argument or option for every value completion offers', async () => {
    const commands = everyCommand(await describeProgram(launch));
    for (const key of Object.keys(ARGUMENT_VALUES)) {
      const found = commands.some((command) =>
        command.arguments.some((argument) => `${command.path} ${argument.name}` === key),
      );
      expect(found, `no command has the argument "${key}"`).toBe(true);
    }
    for (const long of Object.keys(OPTION_VALUES)) {
      expect(
        commands.some((command) => command.options.some((option) => option.long === long)),
        long,
      ).toBe(true);
    }
  });
});

describe('completion requests', () => {
  const values = async (kind: string) =>
    kind === 'rituals' ? [{ value: 'checkin', description: 'weekly' }] : [{ value: 'x', description: kind }];

  it('reads from the journal only the kind of value the word being completed takes', async () => {
    const program = await describeProgram(launch);
    const asked: string[] = [];
    const lines = await completionLines(program, ['skip', ''], async (kind) => {
      asked.push(kind);
      return values(kind);
    });
    expect(asked).toEqual(['rituals']);
    expect(lines).toEqual(['checkin\tweekly', ':4']);
    asked.length = 0;
    await completionLines(program, ['log', '--since', ''], async (kind) => {
      asked.push(kind);
      return values(kind);
    });
    expect(asked).toEqual([]);
  });

  it('lets the shell complete file names where a file goes, and folders where a folder goes', async () => {
    const program = await describeProgram(launch);
    const none = async () => [];
    expect(await completionLines(program, ['new', 'checkin', '--answers', ''], none)).toEqual([':0']);
    expect(await completionLines(program, ['init', ''], none)).toEqual([':16']);
    expect(await completionLines(program, ['-j', ''], none)).toEqual([':16']);
    expect(await completionLines(program, ['grep', ''], none)).toEqual([':4']);
  });

  it('offers a value of its own only when it is a plain name', async () => {
    const program = await describeProgram(launch);
    const lines = await completionLines(program, ['skip', ''], async () => [
      { value: 'ok_name', description: 'fine\x1b[31m red\nnext' },
      { value: 'bad;name', description: 'x' },
      { value: '$(reboot)', description: 'x' },
    ]);
    expect(lines).toEqual(['ok_name\tfine [31m red next', ':4']);
  });
});
