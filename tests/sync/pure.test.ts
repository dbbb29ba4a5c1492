import { describe, expect, it } from 'vitest';
import { isEntryPath, parseEntryName } from '../../src/store/naming.js';
import { conflictCopyPath } from '../../src/sync/conflict-copy.js';
import { describeNetworkFailure } from '../../src/sync/network-errors.js';
import { remoteHost, remoteUrlProblem } from '../../src/sync/remote-url.js';
import { syncSummary } from '../../src/sync/summary.js';
import { pushLostRace } from '../../src/sync/sync.js';

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
    expect(syncSummary(empty)).toBe('Already in sync.');
  });

  it('names the conflict copies', () => {
    const conflicts = [{ path: 'intimacy.yaml', copy: 'intimacy-conflict_jordan.yaml', from: 'Jordan' }];
    expect(syncSummary({ ...empty, conflicts })).toBe(
      '1 file changed on both sides (both versions kept: intimacy-conflict_jordan.yaml)',
    );
  });
});

describe('a push that lost the race', () => {
  it('is recognised whichever side noticed', () => {
    expect(pushLostRace('To /srv/j.git\n!\trefs/heads/main:refs/heads/main\t[rejected] (fetch first)\nDone\n')).toBe(
      true,
    );
    expect(pushLostRace('!\tHEAD:refs/heads/main\t[rejected] (non-fast-forward)')).toBe(true);
    expect(pushLostRace('!\tHEAD:refs/heads/main\t[remote rejected] (failed to update ref)')).toBe(true);
    expect(pushLostRace('!\tHEAD:refs/heads/main\t[remote rejected] (pre-receive hook declined)')).toBe(false);
  });
});
