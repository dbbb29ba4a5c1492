import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { refusedAttributesLine } from '../../src/sync/incoming-attributes.js';
import { cleanupTemp, git, runBinary, TEST_NOW } from '../helpers/cli.js';
import { head, partnerGit, pushAttack, takeBack } from './attack.js';
import { note, ok, partner, syncedPair } from './partners.js';

/*
 * The journal's own .gitattributes as the partner's history brings it: git reads it for every
 * file it writes, so one line there re-encodes or rewrites every entry of the other clone.
 * Pushed with plain git, as a hostile partner (or a tool of theirs) would.
 */

afterAll(cleanupTemp);

const month = `entries/${TEST_NOW.slice(0, 4)}/${TEST_NOW.slice(5, 7)}`;

describe("a partner's .gitattributes", { timeout: 120_000 }, () => {
  it('that re-encodes the entries is refused, quoted, and the journal stays readable and writable', async () => {
    const { remote, alex, jordan } = await syncedPair({}, true);
    await note(alex, 'the coffee');
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    const before = head(alex.dir);
    const line = 'entries/** text working-tree-encoding=UTF-16LE-BOM';
    pushAttack(jordan, () => writeFileSync(path.join(jordan.dir, '.gitattributes'), `${line}\n`));
    for (const attempt of [1, 2]) {
      const refused = await alex.run(['sync']);
      expect(refused.code, `sync ${attempt}`).toBe(1);
      expect(refused.stderr).toBe(
        `error: Jordan's history brings .gitattributes with the line "${line}", which this journal refuses: that line changes how git writes the journal's files to disk or into history, and intimacy writes only its encryption lines there. Nothing was merged; your journal is as it was. Ask Jordan to take it out (in their journal: delete that line from .gitattributes, then git commit and intimacy sync), then run intimacy sync again.\n`,
      );
    }
    expect(head(alex.dir)).toBe(before);
    expect(existsSync(path.join(alex.dir, '.gitattributes'))).toBe(false);
    // Alex goes on writing: the new entry is committed as the UTF-8 it was written in.
    const file = await note(alex, 'written after the refusal');
    expect(git(alex.dir, ['show', `HEAD:${file}`])).toContain('written after the refusal');
    expect((await ok(alex.run(['log']))).stdout).toContain('the coffee');

    // A new laptop of Alex's refuses to clone it too, and leaves nothing behind.
    const laptop = partner('Laptop', path.dirname(alex.dir));
    const target = laptop.dir;
    const cloned = await runBinary(['clone', remote, target, '--me', 'Alex'], { env: laptop.env });
    expect(cloned.code).toBe(1);
    expect(cloned.stderr).toContain(`holds .gitattributes with the line "${line}", which this journal refuses`);
    expect(cloned.stderr).toContain('delete that line from .gitattributes');
    expect(existsSync(target)).toBe(false);

    // The same line in a file marked executable, which git reads all the same.
    takeBack(jordan, ['.gitattributes']);
    pushAttack(jordan, () => {
      writeFileSync(path.join(jordan.dir, '.gitattributes'), `${line}\n`, { mode: 0o755 });
      chmodSync(path.join(jordan.dir, '.gitattributes'), 0o755);
    }, ['.gitattributes']);
    expect(partnerGit(jordan, ['ls-tree', 'HEAD', '.gitattributes'])).toMatch(/^100755 /);
    const executable = await alex.run(['sync']);
    expect(executable.code).toBe(1);
    expect(executable.stderr).toContain(`brings .gitattributes with the line "${line}", which this journal refuses`);
    expect(existsSync(path.join(alex.dir, '.gitattributes'))).toBe(false);

    // The same line after more than a megabyte of comments: the whole file is read.
    takeBack(jordan, ['.gitattributes']);
    pushAttack(jordan, () => {
      writeFileSync(path.join(jordan.dir, '.gitattributes'), `${'# padding\n'.repeat(120_000)}${line}\n`, {
        mode: 0o644,
      });
      chmodSync(path.join(jordan.dir, '.gitattributes'), 0o644);
    });
    const padded = await alex.run(['sync']);
    expect(padded.code).toBe(1);
    expect(padded.stderr).toContain(`brings .gitattributes with the line "${line}", which this journal refuses`);

    // Jordan follows the advice: a line that only changes how diffs are shown comes in.
    pushAttack(jordan, () => writeFileSync(path.join(jordan.dir, '.gitattributes'), '*.jpg binary\n*.md -diff\n'));
    await ok(alex.run(['sync']));
    expect(readFileSync(path.join(alex.dir, '.gitattributes'), 'utf8')).toBe('*.jpg binary\n*.md -diff\n');
  });

  it("in an encrypted journal, a line after intimacy's own that turns the filter off is refused", async () => {
    const { alex, jordan } = await syncedPair({}, true);
    await ok(alex.run(['encrypt', 'init']));
    await ok(alex.run(['sync']));
    await ok(jordan.run(['sync']));
    const ours = readFileSync(path.join(alex.dir, '.gitattributes'), 'utf8');
    pushAttack(jordan, () => writeFileSync(path.join(jordan.dir, '.gitattributes'), `${ours}entries/** -filter\n`));
    const refused = await alex.run(['sync']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'brings .gitattributes with the line "entries/** -filter", which this journal refuses',
    );
    expect(readFileSync(path.join(alex.dir, '.gitattributes'), 'utf8')).toBe(ours);
  });

  it('spelled another way at the top, or a name that is not UTF-8 or holds a bidi mark, is refused by name', async () => {
    const { alex, jordan } = await syncedPair({}, true);
    mkdirSync(path.join(jordan.dir, month), { recursive: true });
    const entry = (name: string) =>
      `---\ntype: "gratitude"\nauthor: "Jordan"\ndate: "${TEST_NOW}"\ntags: []\n---\n\nfrom ${name}\n`;
    const cases: Array<{ name: string; write: () => string; shown: string }> = [
      {
        name: 'a .GitAttributes, which a case-insensitive disk reads as the journal’s own',
        write: () => {
          writeFileSync(path.join(jordan.dir, '.GitAttributes'), '* -filter\n');
          return '.GitAttributes';
        },
        shown: ".GitAttributes, which this journal refuses: a .gitattributes other than the journal's own",
      },
      {
        name: 'a right-to-left mark in an entry name',
        write: () => {
          const file = `${month}/20261125T190000Z-gratitude-jordan\u200f.md`;
          writeFileSync(path.join(jordan.dir, file), entry('rlm'));
          return file;
        },
        shown: `"${month}/20261125T190000Z-gratitude-jordan\\u200f.md", which this journal refuses: its name cannot be checked out`,
      },
    ];
    for (const { name, write, shown } of cases) {
      const file = write();
      pushAttack(jordan, () => {}, [file], name);
      const refused = await alex.run(['sync']);
      expect(refused.code, name).toBe(1);
      expect(refused.stderr, name).toContain(shown);
      expect(existsSync(path.join(alex.dir, file)), name).toBe(false);
      takeBack(jordan, [file]);
      await ok(alex.run(['sync']));
    }

    // A name whose bytes are not UTF-8 (an 8-bit CSI, 0x9b), committed through git's own index.
    const bytes = Buffer.concat([
      Buffer.from(`${month}/20261125T191000Z-gratitude-jordan`),
      Buffer.from([0x9b]),
      Buffer.from('2J.md'),
    ]);
    const blob = execFileSync('git', ['-C', jordan.dir, 'hash-object', '-w', '--stdin'], { input: entry('csi') })
      .toString()
      .trim();
    execFileSync('git', ['-C', jordan.dir, 'update-index', '-z', '--index-info'], {
      input: Buffer.concat([Buffer.from(`100644 ${blob}\t`), bytes, Buffer.from([0])]),
    });
    partnerGit(jordan, ['commit', '--quiet', '--no-verify', '-m', 'not utf-8']);
    partnerGit(jordan, ['push', '--quiet', '--no-verify', 'origin', 'HEAD:main']);
    const refused = await alex.run(['sync']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `"${month}/20261125T191000Z-gratitude-jordan\\x9b2J.md", which this journal refuses: its name is not UTF-8`,
    );
    expect(refused.stderr).not.toContain('\u009b');
    expect(refused.stderr).not.toContain('Please report');
  });
});

describe('refusedAttributesLine', () => {
  const OWN =
    '# intimacy: these folders are stored encrypted in git, plain in this folder\nentries/** filter=intimacy diff=intimacy -text\nattachments/** filter=intimacy -diff -text\n';
  it("lets intimacy's own lines, lines already here and display-only lines through", () => {
    expect(refusedAttributesLine(OWN, undefined)).toBeUndefined();
    expect(
      refusedAttributesLine('*.jpg binary\n*.md -diff linguist-documentation\n\n# a note\n', undefined),
    ).toBeUndefined();
    expect(refusedAttributesLine(`${OWN}*.md eol=lf\n`, `${OWN}*.md eol=lf\n`)).toBeUndefined();
    expect(refusedAttributesLine('"entries/a b/**" -diff\n', undefined)).toBeUndefined();
  });
  it('refuses what rewrites, re-encodes, filters or merges files, and macros', () => {
    for (const line of [
      'entries/** working-tree-encoding=UTF-16',
      '* text=auto',
      '*.md eol=crlf',
      '*.md ident',
      'entries/** -filter',
      'entries/** !filter',
      'intimacy.yaml filter=intimacy',
      'attachments/** filter=lfs diff=lfs merge=lfs -text',
      '* merge=union',
      '[attr]plain -filter',
      'entries/** crlf',
    ])
      expect(refusedAttributesLine(`${OWN}${line}\n`, OWN), line).toBe(line);
  });
});
