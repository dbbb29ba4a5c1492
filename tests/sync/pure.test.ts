import { describe, expect, it } from 'vitest';
import { isEntryPath, parseEntryName } from '../../src/store/naming.js';
import { conflictCopyPath } from '../../src/sync/conflict-copy.js';
import { caseClashes } from '../../src/sync/incoming-rules.js';
import { describeNetworkFailure } from '../../src/sync/network-errors.js';
import { remoteFrom, remoteHost, remoteUrlProblem } from '../../src/sync/remote-url.js';
import { syncSummary } from '../../src/sync/summary.js';
import { pushLostRace, remoteLockLeft } from '../../src/sync/sync.js';

const none = (): boolean => false;

describe('conflict copies', () => {
  it('keeps an entry copy a valid entry name that says whose it is', () => {
    const copy = conflictCopyPath('entries/2026/11/20261125T183209Z-date_night-mary_ann-2.md', 'Jordan Lee', none);
    expect(copy).toBe('entries/2026/11/20261125T183209Z-date_night-mary_ann-2-conflict_jordan_lee.md');
    expect(isEntryPath(copy)).toBe(true);
    expect(parseEntryName(copy.split('/').pop() ?? '')).toMatchObject({
      typeSlug: 'date_night',
      authorSlug: 'mary_ann',
      conflictCopy: 'conflict_jordan_lee',
    });
  });

  it('numbers a second copy and never nests copies', () => {
    const taken = new Set(['entries/2026/11/20261125T183209Z-checkin-alex-conflict_jordan.md']);
    const second = conflictCopyPath('entries/2026/11/20261125T183209Z-checkin-alex.md', 'Jordan', (p) => taken.has(p));
    expect(second).toBe('entries/2026/11/20261125T183209Z-checkin-alex-conflict_jordan_2.md');
    const ofCopy = conflictCopyPath('entries/2026/11/20261125T183209Z-checkin-alex-conflict_jordan.md', 'Jordan', (p) =>
      taken.has(p),
    );
    expect(ofCopy).toBe(second);
    expect(isEntryPath(second)).toBe(true);
  });

  it('names copies of settings, templates and dotfiles beside the original', () => {
    expect(conflictCopyPath('intimacy.yaml', 'Jordan', none)).toBe('intimacy-conflict_jordan.yaml');
    expect(conflictCopyPath('templates/checkin.yaml', 'Jordan', none)).toBe('templates/checkin-conflict_jordan.yaml');
    expect(conflictCopyPath('.gitignore', 'Jordan', none)).toBe('.gitignore-conflict_jordan');
  });

  it('still reads ordinary names, including an author called "conflict"', () => {
    expect(parseEntryName('20261125T183209Z-gratitude-conflict.md')).toMatchObject({ authorSlug: 'conflict' });
    expect(parseEntryName('20261125T183209Z-gratitude-alex-3.md')?.conflictCopy).toBeUndefined();
  });
});

describe('remote URLs', () => {
  it('refuses option-like and command-running URLs', () => {
    expect(remoteUrlProblem('--upload-pack=touch /tmp/x')).toMatch(/looks like an option/);
    expect(remoteUrlProblem('-oProxyCommand=x')).toMatch(/looks like an option/);
    expect(remoteUrlProblem('ext::sh -c touch% /tmp/pwned')).toMatch(/run commands/);
    expect(remoteUrlProblem('FD::3')).toMatch(/run commands/);
    expect(remoteUrlProblem('')).toMatch(/empty/);
  });

  it('accepts the usual kinds of remotes', () => {
    for (const url of [
      'git@github.com:alex/journal.git',
      'ssh://alex@nas.local:2222/srv/j.git',
      'https://gitlab.com/a/b.git',
      '/media/usb/journal.git',
      'file:///srv/j.git',
    ]) {
      expect(remoteUrlProblem(url)).toBeUndefined();
    }
  });

  it('makes a folder given relative to where the command runs absolute, and leaves every URL as typed', () => {
    expect(remoteFrom('/home/alex', 'journal.git')).toBe('/home/alex/journal.git');
    expect(remoteFrom('/home/alex/a', '../shared/journal.git')).toBe('/home/alex/shared/journal.git');
    expect(remoteFrom('/home/alex', ' ./j.git ')).toBe('/home/alex/j.git');
    for (const url of [
      '/media/usb/journal.git',
      'git@github.com:alex/journal.git',
      'nas:journal.git',
      'ssh://alex@nas.local:2222/srv/j.git',
      'file:///srv/j.git',
      'ext::sh',
      '--upload-pack=x',
    ])
      expect(remoteFrom('/home/alex', url)).toBe(url);
  });

  it('finds the host for messages', () => {
    expect(remoteHost('git@github.com:alex/journal.git')).toBe('github.com');
    expect(remoteHost('ssh://alex@127.0.0.1:2222/srv/j.git')).toBe('127.0.0.1');
    expect(remoteHost('/srv/j.git')).toBeUndefined();
  });
});

describe('network failures', () => {
  const url = 'ssh://alex@nas.local:2222/srv/j.git';
  const cases: Array<[string, RegExp]> = [
    [
      'ssh: Could not resolve hostname nas.local: Name or service not known\nfatal: Could not read from remote repository.',
      /host nas\.local could not be found/,
    ],
    [
      'ssh: connect to host nas.local port 2222: Connection refused\nfatal: Could not read from remote repository.',
      /could not be reached/,
    ],
    [
      'alex@nas.local: Permission denied (publickey).\nfatal: Could not read from remote repository.',
      /refused your SSH key/,
    ],
    ['Host key verification failed.\nfatal: Could not read from remote repository.', /not a known SSH host/],
    [
      "fatal: '/srv/j.git' does not appear to be a git repository\nfatal: Could not read from remote repository.",
      /There is no git repository at/,
    ],
    ["fatal: could not read Username for 'https://github.com': terminal prompts disabled", /needs a login/],
  ];
  it.each(cases)('says which problem it is: %s', (stderr, expected) => {
    expect(describeNetworkFailure(stderr, url).message).toMatch(expected);
  });

  it('says when a server stopped answering part way', () => {
    expect(
      describeNetworkFailure(
        'error: RPC failed; curl 28 Operation too slow. Less than 1 bytes/sec transferred the last 15 seconds\nfatal: expected flush after ref listing\n',
        url,
      ).message,
    ).toBe('The server nas.local stopped answering (nothing arrived for 15 seconds).');
  });

  it('reports a time limit', () => {
    expect(describeNetworkFailure('', url, 8000).message).toBe('The server nas.local did not answer within 8 seconds.');
  });
});

describe('sync summary', () => {
  const empty = { received: { entries: [], otherChanges: [] }, sent: { entries: 0, otherChanges: 0 }, conflicts: [] };
  it('reads like the issue asks', () => {
    const received = {
      entries: [
        { path: 'a', author: 'Jordan' },
        { path: 'b', author: 'Jordan' },
      ],
      otherChanges: [],
    };
    expect(syncSummary({ ...empty, received, sent: { entries: 1, otherChanges: 0 } })).toBe(
      '2 new entries from Jordan, 1 sent',
    );
    expect(syncSummary({ ...empty, sent: { entries: 1, otherChanges: 0 } })).toBe('1 entry sent');
    // After anything but new entries, what was sent says what it is.
    expect(
      syncSummary({
        ...empty,
        received: { entries: [], otherChanges: [], removed: ['x'] },
        kept: ['a', 'b'],
        sent: { entries: 2, otherChanges: 1 },
      }),
    ).toBe('1 file removed by your partner, 2 of yours kept (see below), 2 entries sent, 1 other change sent');
    expect(syncSummary(empty)).toBe('Already in sync.');
  });

  it('names the conflict copies', () => {
    const conflicts = [{ path: 'intimacy.yaml', copy: 'intimacy-conflict_jordan.yaml', from: 'Jordan' }];
    expect(syncSummary({ ...empty, conflicts })).toBe(
      '1 file changed on both sides (both versions kept: intimacy-conflict_jordan.yaml)',
    );
    // Arriving from the partner's sync: the settings are a file, an entry an entry.
    const arriving = (path: string) => ({
      ...empty,
      received: {
        entries: [],
        otherChanges: [],
        conflicts: [{ path, copy: `${path}-copy`, whose: 'you', mine: true }],
      },
    });
    expect(syncSummary(arriving('intimacy.yaml'))).toBe('1 file you both changed (both versions kept, see below)');
    expect(syncSummary(arriving('entries/2026/11/20261125T183000Z-gratitude-alex.md'))).toBe(
      '1 entry you both changed (both versions kept, see below)',
    );
  });
});

describe('a push that lost the race', () => {
  it('is recognised whichever side noticed', () => {
    expect(pushLostRace('To /srv/j.git\n!\trefs/heads/main:refs/heads/main\t[rejected] (fetch first)\nDone\n')).toBe(
      true,
    );
    expect(pushLostRace('!\tHEAD:refs/heads/main\t[rejected] (non-fast-forward)')).toBe(true);
    const locked =
      "!\trefs/heads/main:refs/heads/main\t[remote rejected] (failed to update ref)\nremote: error: cannot lock ref 'refs/heads/main': Unable to create '/srv/j.git/./refs/heads/main.lock': File exists.\n";
    expect(remoteLockLeft(locked)).toBe('/srv/j.git/refs/heads/main.lock');
    expect(remoteLockLeft('!\tHEAD:refs/heads/main\t[rejected] (non-fast-forward)')).toBeUndefined();
    expect(pushLostRace('!\tHEAD:refs/heads/main\t[remote rejected] (failed to update ref)')).toBe(true);
    expect(pushLostRace('!\tHEAD:refs/heads/main\t[remote rejected] (pre-receive hook declined)')).toBe(false);
  });
});

describe('incoming paths', () => {
  it('refuses every spelling of .intimacy, git-like names, links, submodules and unportable names', async () => {
    const { incomingPathProblem, fileFolderClashes } = await import('../../src/sync/incoming-rules.js');
    for (const file of [
      '.intimacy',
      '.intimacy/private/entries/x.md',
      '.INTIMACY/x',
      '.Intimacy/x',
      '.int\u200cimacy/x',
      '\ufeff.intimacy/x',
      '.intimacy./x',
      '.intimacy /x',
      '.intimacy::$INDEX_ALLOCATION/x',
      'INTIMA~1/x',
    ]) {
      expect(incomingPathProblem(file, '100644'), file).toBe('local-state');
    }
    // .intimacy as a link or a submodule is this computer's folder first, whatever else it is
    for (const mode of ['120000', '160000', '100755', '040000'])
      expect(incomingPathProblem('.intimacy', mode), mode).toBe('local-state');
    expect(incomingPathProblem('entries/.intimacy', '100644')).toBeUndefined(); // only the top folder is ours
    for (const file of ['.git/config', 'entries/.GIT/x', 'entries/git~1/x', '.gitmodules'])
      expect(incomingPathProblem(file, '100644'), file).toBe('git-name');
    // Only the journal's own .gitattributes (checked for what it says); one in a folder, in any spelling, is refused.
    for (const file of ['entries/.gitattributes', 'entries/2026/11/.GitAttributes', 'templates/.gitattributes.'])
      expect(incomingPathProblem(file, '100644'), file).toBe('attributes');
    expect(incomingPathProblem('.gitattributes', '100644')).toBeUndefined();
    expect(incomingPathProblem('entries/2026/11/x.md', '120000')).toBe('link');
    expect(incomingPathProblem('entries/2026/11/x.md', '160000')).toBe('submodule');
    for (const file of [
      'entries/2026/11/CON.md',
      'entries/a\u001b[2J.md',
      'entries/x\n.md',
      'templates/a:b.yaml',
      `entries/${'x'.repeat(256)}.md`,
    ])
      expect(incomingPathProblem(file, '100644'), file).toBe('not-portable');
    // A name's bytes that are not UTF-8, as git's paths are read (U+DC80 + byte); U+FFFD, which
    // such bytes read as elsewhere, stays refused too.
    expect(incomingPathProblem('entries/2026/11/al\udcffex.md', '100644')).toBe('not-utf8');
    expect(incomingPathProblem('entries/\udcc3/x.md', '100644')).toBe('not-utf8');
    expect(incomingPathProblem('entries/2026/11/al\ufffdex.md', '100644')).toBe('not-portable');
    expect(incomingPathProblem('entries/2026/11/20261125T183209Z-gratitude-alex.md', '100644')).toBeUndefined();
    expect(incomingPathProblem('templates/morning.yaml', '100755')).toBeUndefined();
    // Named by the path made something else, once, however many files the folder holds.
    expect(fileFolderClashes(['entries/2026/11/a.md'], ['entries/2026/11/a.md/x', 'entries/2026/11/a.md/y'])).toEqual([
      { path: 'entries/2026/11/a.md', reason: 'file-folder' },
    ]);
    expect(fileFolderClashes(['entries/2026/11/a.md', 'entries/2026/11/b.md'], ['entries/2026'])).toEqual([
      { path: 'entries/2026', reason: 'file-folder' },
    ]);
    expect(fileFolderClashes(['entries/2026/11/a.md'], ['entries/2026/11/b.md'])).toEqual([]);
  });
});

describe('the merge plan', () => {
  it('takes one-sided changes, keeps both versions of a file changed on both sides, and never lets a deletion of yours win', async () => {
    const { planMerge, versionsOf } = await import('../../src/sync/merge-plan.js');
    const v = (id: string) => ({ mode: '100644', id });
    const ours = [
      { path: 'both.md', from: v('b0'), to: v('b1') },
      { path: 'we-edit-they-delete.md', from: v('e0'), to: v('e1') },
      { path: 'new-here.md', to: v('n1') },
    ];
    const theirs = [
      { path: 'both.md', from: v('b0'), to: v('b2') },
      { path: 'we-edit-they-delete.md', from: v('e0') },
      { path: 'mine-they-delete.md', from: v('m0') },
      { path: 'theirs-they-delete.md', from: v('t0') },
      { path: 'new-there.md', to: v('x1') },
      { path: 'changed-there.md', from: v('c0'), to: v('c1') },
    ];
    const plan = planMerge(versionsOf(ours, theirs), {
      mustKeep: (file) => file.startsWith('mine'),
      copyPath: (file) => file.replace(/\.md$/, '-conflict_jordan.md'),
    });
    expect(Object.fromEntries(plan.apply)).toEqual({
      'both-conflict_jordan.md': v('b2'),
      'changed-there.md': v('c1'),
      'new-there.md': v('x1'),
      'theirs-they-delete.md': null,
    });
    expect(plan.conflicts).toEqual([{ path: 'both.md', copy: 'both-conflict_jordan.md' }]);
    expect(plan.keptEdits).toEqual(['we-edit-they-delete.md']);
    expect(plan.kept).toEqual(['mine-they-delete.md']);
    expect(plan.landed).toEqual({
      added: ['new-there.md'],
      changed: ['changed-there.md'],
      removed: ['theirs-they-delete.md'],
    });
  });

  it('opens a conflict again when each side settled it its own way, in either direction, and not when they agree', async () => {
    const { planMerge, versionsOf } = await import('../../src/sync/merge-plan.js');
    const v = (id: string) => ({ mode: '100644', id });
    const entry = 'entries/2026/12/20261201T190000Z-gratitude-alex.md';
    const copy = 'entries/2026/12/20261201T190000Z-gratitude-alex-conflict_jordan.md';
    const policy = { mustKeep: () => false, copyPath: (file: string) => file.replace(/\.md$/, '-conflict_x.md') };
    const plan = (ourEntry?: string, theirEntry?: string) =>
      planMerge(
        versionsOf(
          [{ path: copy, from: v('J') }, ...(ourEntry ? [{ path: entry, from: v('A'), to: v(ourEntry) }] : [])],
          [{ path: copy, from: v('J') }, ...(theirEntry ? [{ path: entry, from: v('A'), to: v(theirEntry) }] : [])],
        ),
        policy,
      );
    const reopened = { path: entry, copy: entry.replace(/\.md$/, '-conflict_x.md'), settledApart: true };
    // They took the copy's words, we kept the entry's: ours stays, theirs beside it.
    expect(plan(undefined, 'J').conflicts).toEqual([reopened]);
    expect(plan(undefined, 'J').apply.get(reopened.copy)).toEqual(v('J'));
    expect(plan(undefined, 'J').apply.has(entry)).toBe(false);
    // We took the copy's words, they kept the entry's: their choice (the entry as it was) beside ours.
    expect(plan('J', undefined).apply.get(reopened.copy)).toEqual(v('A'));
    // The same choice on both sides, or a conflict settled on one side only: nothing to settle again.
    expect(plan('J', 'J').conflicts).toEqual([]);
    // Settled, then changed further: an edit, which lands as one.
    expect(plan(undefined, 'E').conflicts).toEqual([]);
    expect(plan(undefined, 'E').apply.get(entry)).toEqual(v('E'));
    expect(plan('E', undefined).conflicts).toEqual([]);
    expect(plan(undefined, undefined).conflicts).toEqual([]);
    const oneSide = planMerge(
      versionsOf(
        [],
        [
          { path: copy, from: v('J') },
          { path: entry, from: v('A'), to: v('J') },
        ],
      ),
      policy,
    );
    expect(oneSide.conflicts).toEqual([]);
    expect(oneSide.apply.get(entry)).toEqual(v('J'));
  });
});

describe('names that differ only in case', () => {
  const ours = ['entries', 'intimacy.yaml', 'entries/2026', 'entries/2026/11', 'entries/2026/11/a-gratitude-alex.md'];

  it('are the arriving paths that would share a folder with such a name, at any depth', () => {
    expect(
      caseClashes(ours, [
        'entries/2026/11/A-Gratitude-Alex.md',
        'Intimacy.yaml',
        'Entries/2026/11/b.md',
        'entries/2026/11/b-gratitude-jordan.md',
        'entries/2026/11/a-gratitude-alex.md',
      ]),
    ).toEqual(['entries/2026/11/A-Gratitude-Alex.md', 'Intimacy.yaml', 'Entries/2026/11/b.md']);
  });

  it('among the arriving paths themselves, and not once the other is removed', () => {
    expect(caseClashes([], ['templates/x.yaml', 'templates/X.yaml'])).toEqual(['templates/x.yaml', 'templates/X.yaml']);
    expect(caseClashes(['entries/2026/11'], ['entries/2026/11/x.md', 'entries/2026/12/x.md'])).toEqual([]);
  });
});
