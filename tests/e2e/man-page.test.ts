import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Launch } from '../../src/commands/context.js';
import { COMMANDS } from '../../src/commands/manifest.js';
import { describeProgram } from '../../src/program.js';
import type { CommandSpec } from '../../src/ui/command-spec.js';
import { cleanupTemp, ROOT, tempDir } from '../helpers/cli.js';
import { shellTestsRun } from '../helpers/shells.js';

/*
 * The man page the build writes (dist/man/intimacy.1), rendered by man itself, and installed
 * where man finds it by `npm link` (what `npm run setup` runs).
 */

const PAGE = path.join(ROOT, 'dist', 'man', 'intimacy.1');
const launch: Launch = { env: {}, cwd: '/', stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

afterAll(cleanupTemp);

function render(): { text: string; warnings: string; status: number | null } {
  const env = { ...process.env, MANWIDTH: '200', LANG: 'C.UTF-8', MAN_KEEP_FORMATTING: '', PAGER: 'cat' };
  const result = spawnSync('man', ['--warnings', '-l', PAGE], { env, encoding: 'utf8' });
  return { text: result.stdout, warnings: result.stderr, status: result.status };
}

/** Rendered text has hyphenation and runs of spaces from justification: compare words only. */
function words(text: string): string {
  return text.replace(/‐\n\s*/g, '').replace(/\s+/g, ' ');
}

describe.skipIf(!shellTestsRun('man'))('the man page', () => {
  it('renders without a warning and names every command, its own commands and options', async () => {
    const { text, warnings, status } = render();
    expect(status).toBe(0);
    expect(warnings).toBe('');
    const page = words(text);
    expect(page).toMatch(/^INTIMACY\(1\) .*NAME intimacy - a shared journal and ritual tracker for couples/);
    const program = await describeProgram(launch);
    for (const entry of COMMANDS.filter((command) => !command.hidden)) {
      expect(page.includes(`intimacy ${entry.name} `), entry.name).toBe(true);
    }
    const visit = (command: CommandSpec) => {
      // each command's own `help` is left out, as it says nothing new
      for (const sub of command.commands.filter((sub) => command.path === '' || sub.name !== 'help')) {
        expect(page).toContain(words(sub.usage));
        for (const option of sub.options) expect(page, `${sub.path} ${option.term}`).toContain(option.term);
        visit(sub);
      }
    };
    visit(program);
    // the examples from --help, as they are
    expect(page).toContain('intimacy show 20261125T1832');
    // commands git calls are not for people
    expect(page).not.toMatch(/intimacy (filter|complete)\b/);
  });

  it('is installed by npm link (what npm run setup runs) where man finds it', () => {
    const prefix = tempDir('intimacy-prefix-');
    const linked = spawnSync('npm', ['link', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
      cwd: ROOT,
      env: { ...process.env, npm_config_prefix: prefix },
      encoding: 'utf8',
    });
    expect(linked.status, linked.stderr).toBe(0);
    const installed = path.join(prefix, 'share', 'man', 'man1', 'intimacy.1');
    expect(existsSync(installed)).toBe(true);
    expect(realpathSync(installed)).toBe(realpathSync(PAGE));
    // man looks beside each folder of PATH (…/bin → …/share/man), as it does for /usr/bin.
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.join(prefix, 'bin')}:${process.env.PATH}` };
    delete env.MANPATH;
    const found = spawnSync('man', ['-aw', 'intimacy'], { env, encoding: 'utf8' });
    expect(
      found.stdout
        .trim()
        .split('\n')
        .map((file) => realpathSync(file)),
    ).toContain(realpathSync(PAGE));
  });
});
