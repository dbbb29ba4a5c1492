import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/manifest.js';
import { BIN, cleanupTemp, ROOT, tempDir, userEnv } from '../helpers/cli.js';

afterAll(cleanupTemp);

/*
 * The build makes one bundle per command (dist/run-NAME.js) and the launcher picks it from the
 * arguments: a command missing from its own bundle, or a bundle the launcher cannot find, would
 * show up here as a help that fails.
 */
describe('the bundles', () => {
  it('has a bundle for every command in the manifest, and each one answers its own help', () => {
    const env = userEnv(tempDir('intimacy-bundles-'));
    for (const entry of COMMANDS) {
      expect(existsSync(path.join(ROOT, 'dist', `run-${entry.name}.js`)), entry.name).toBe(true);
      const result = spawnSync(process.execPath, [BIN, 'help', entry.name], { env, encoding: 'utf8' });
      expect(result.stderr, entry.name).toBe('');
      expect(result.status, entry.name).toBe(0);
      expect(result.stdout, entry.name).toMatch(new RegExp(`^Usage: intimacy ${entry.name}\\b`));
    }
  }, 120_000);

  it('runs the listing, --version and an unknown command without any command bundle', () => {
    const env = userEnv(tempDir('intimacy-bundles-'));
    const help = spawnSync(process.execPath, [BIN, '--help'], { env, encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const entry of COMMANDS.filter((c) => !c.hidden)) expect(help.stdout).toContain(entry.name);
    const version = spawnSync(process.execPath, [BIN, '--version'], { env, encoding: 'utf8' });
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const unknown = spawnSync(process.execPath, [BIN, 'nosuch'], { env, encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'nosuch'/);
    // a word that could name a file elsewhere is no command: it never reaches an import
    const sneaky = spawnSync(process.execPath, [BIN, '../../package'], { env, encoding: 'utf8' });
    expect(sneaky.status).toBe(2);
    expect(sneaky.stderr).toMatch(/unknown command/);
  });
});
