import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, type RunResult, runCli } from '../helpers/cli.js';
import { note, ok, type Partner, syncedPair } from '../sync/partners.js';

/*
 * An entry's file name carries its type and author, and filters pick files by it before opening
 * them: after `edit` changes the type or author, and for a file whose name disagrees with its
 * front matter (pushed by the partner with plain git), every filter must still agree with the
 * front matter, which is what `log` shows.
 */

let alex: Partner;
let jordan: Partner;
let scripts: string;

/** A scripted $EDITOR: sets one front matter field of the file it is given. */
function setField(field: string, value: string): string {
  const file = path.join(scripts, `${field}-${value}.sh`);
  writeFileSync(file, `#!/bin/sh\nset -e\nsed -i 's/^${field}: .*/${field}: "${value}"/' "$1"\n`);
  chmodSync(file, 0o755);
  return file;
}

const runWith = (who: Partner, args: string[], extra: Record<string, string>): Promise<RunResult> =>
  runCli(['--journal', who.dir, ...args], { env: { ...who.env, ...extra } });

async function ids(who: Partner, args: string[]): Promise<string[]> {
  const result = await who.run(['log', ...args, '--json']);
  if (result.code !== 0) return [];
  return (JSON.parse(result.stdout) as Array<{ id: string }>).map((e) => e.id);
}

const headFiles = (dir: string) => git(dir, ['show', '--no-renames', '--name-status', '--format=', 'HEAD']).trim();

beforeAll(async () => {
  ({ alex, jordan } = await syncedPair());
  scripts = path.join(alex.home, 'scripts');
  mkdirSync(scripts, { recursive: true });
}, 120_000);
afterAll(cleanupTemp);

describe('filters agree with the front matter', { timeout: 120_000 }, () => {
  it('edit renames an entry whose author it changes, in one commit, and every filter follows', async () => {
    const file = await note(alex, 'the coffee');
    const oldId = path.basename(file, '.md');
    const saved = await runWith(alex, ['edit', oldId], { EDITOR: setField('author', 'Jordan') });
    expect(saved.code).toBe(0);
    const newId = oldId.replace(/-alex$/, '-jordan');
    expect(saved.stdout).toContain(newId);
    expect(existsSync(path.join(alex.dir, file))).toBe(false);
    expect(existsSync(path.join(alex.dir, path.dirname(file), `${newId}.md`))).toBe(true);
    // The old name's deletion and the new name in one commit, nothing left over.
    expect(headFiles(alex.dir).split('\n').sort()).toEqual([`A\t${path.dirname(file)}/${newId}.md`, `D\t${file}`]);
    expect(git(alex.dir, ['log', '-1', '--format=%s'])).toMatch(
      new RegExp(`^edit: Jordan's gratitude entry ${newId} \\(was ${oldId}\\)`),
    );
    expect(git(alex.dir, ['status', '--porcelain'])).toBe('');

    expect(await ids(alex, ['--author', 'Jordan'])).toEqual([newId]);
    expect(await ids(alex, ['--partner'])).toEqual([newId]);
    expect(await ids(alex, ['--mine'])).toEqual([]);
    // The suggestion edit prints for the partner's entry works.
    const refused = await runWith(alex, ['edit', newId], { EDITOR: setField('type', 'appreciation') });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`intimacy edit ${newId} --partner`);
    const typed = await runWith(alex, ['edit', newId, '--partner'], { EDITOR: setField('type', 'appreciation') });
    expect(typed.code).toBe(0);
    // Now named as Jordan's, it keeps its name (Jordan's sync would keep the old one beside a new
    // one), and filters find it by its front matter.
    expect(await ids(alex, ['--type', 'appreciation'])).toEqual([newId]);
    expect(await ids(alex, ['--type', 'gratitude'])).toEqual([]);
    const grep = await alex.run(['grep', 'coffee', '--type', 'appreciation', '--json']);
    expect(grep.code).toBe(0);
    expect(grep.stdout).toContain(newId);
    const show = await alex.run(['show', 'last', '--type', 'appreciation', '--partner', '--json']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('the coffee');

    // Jordan gets the entry under its new name, and it is theirs.
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    expect(await ids(jordan, ['--mine', '--type', 'appreciation'])).toEqual([newId]);
    expect(existsSync(path.join(jordan.dir, file))).toBe(false);
  });

  it('a file the partner pushes with a name that disagrees with its front matter is found by every filter', async () => {
    const file = await note(jordan, 'the long walk');
    // Jordan's clone renames it by hand as if Alex wrote a reflection, with plain git.
    const fake = file.replace(/-gratitude-jordan/, '-reflection-alex');
    renameSync(path.join(jordan.dir, file), path.join(jordan.dir, fake));
    git(jordan.dir, ['add', '-A']);
    git(jordan.dir, ['commit', '-qm', 'by hand']);
    await ok(jordan.run(['sync']));
    await ok(alex.run(['sync']));
    const id = path.basename(fake, '.md');
    expect(await ids(alex, ['--partner', '--type', 'gratitude'])).toContain(id);
    expect(await ids(alex, ['--author', 'jordan'])).toContain(id);
    expect(await ids(alex, ['--mine'])).not.toContain(id);
    expect(await ids(alex, ['--type', 'reflection'])).not.toContain(id);
    // Edit's own lookup finds it the way its suggestion says.
    const refused = await runWith(alex, ['edit', id], { EDITOR: setField('type', 'gratitude') });
    expect(refused.stderr).toContain(`intimacy edit ${id} --partner`);
    const opened = await runWith(alex, ['edit', id, '--partner'], { EDITOR: 'true' });
    expect(opened.code).toBe(0);
    expect(opened.stderr).toMatch(/No change/);
  });

  it('a private entry edited stays private: renamed under .intimacy/private, never committed', async () => {
    const saved = await ok(alex.run(['gratitude', '--private', 'a private thought']));
    const abs = /→ (.+\.md)$/m.exec(saved.stdout)?.[1];
    if (!abs) throw new Error(saved.stdout);
    const commits = git(alex.dir, ['rev-list', '--count', 'HEAD']);
    const result = await runWith(alex, ['edit', path.basename(abs, '.md')], { EDITOR: setField('type', 'reflection') });
    expect(result.code).toBe(0);
    const folder = path.dirname(abs);
    // -2: the partner's hand-named file above has this stamp and name, and an id names one entry.
    const [renamed] = readdirSync(folder);
    expect(readdirSync(folder)).toHaveLength(1);
    expect(renamed).toMatch(/^\d{8}T\d{6}Z-reflection-alex(-\d+)?\.md$/);
    expect(readFileSync(path.join(folder, renamed!), 'utf8')).toContain('a private thought');
    expect(git(alex.dir, ['rev-list', '--count', 'HEAD'])).toBe(commits);
    expect(git(alex.dir, ['ls-files', '.intimacy'])).toBe('');
    expect(git(alex.dir, ['status', '--porcelain'])).toBe('');
    expect(await ids(alex, ['--mine', '--type', 'reflection'])).toEqual([path.basename(renamed!, '.md')]);
  });
});
