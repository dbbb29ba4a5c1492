import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './cli.js';

/*
 * Test doubles of external programs the reminder talks to: crontab, systemctl and notify-send,
 * put first on PATH. Each keeps its state in a file the test reads (the crontab itself, the
 * systemctl calls, the notifications), so a test asserts what a real scheduler would have been
 * given without starting cron or systemd, or opening a window.
 */

export interface FakePrograms {
  bin: string;
  crontab: string;
  systemctlLog: string;
  notifications: string;
  /** the environment entries that point the fakes at their files */
  env: Record<string, string>;
}

const CRONTAB = `#!/bin/sh
# crontab(1) stand-in: the table is the file $FAKE_CRONTAB.
case "$1" in
  -l) if [ -f "$FAKE_CRONTAB" ]; then exec cat "$FAKE_CRONTAB"; fi
      echo "no crontab for tester" >&2; exit 1 ;;
  -r) rm -f "$FAKE_CRONTAB" ;;
  -) cat > "$FAKE_CRONTAB" ;;
  *) echo "fake crontab: unexpected arguments: $*" >&2; exit 2 ;;
esac
`;

const SYSTEMCTL = `#!/bin/sh
# systemctl(1) stand-in: records each call; a user manager "runs" unless FAKE_SYSTEMD=down.
echo "$*" >> "$FAKE_SYSTEMCTL_LOG"
if [ "$FAKE_SYSTEMD" = down ]; then echo "Failed to connect to bus" >&2; exit 1; fi
exit 0
`;

const NOTIFY_SEND = `#!/bin/sh
# notify-send(1) stand-in: each notification's arguments, one per line, then a blank line.
for arg in "$@"; do printf '%s\\n' "$arg"; done >> "$FAKE_NOTIFICATIONS"
echo >> "$FAKE_NOTIFICATIONS"
`;

export function fakePrograms(which: Array<'crontab' | 'systemctl' | 'notify-send'>): FakePrograms {
  const root = tempDir('intimacy-fakes-');
  const bin = path.join(root, 'bin');
  mkdirSync(bin);
  const scripts = { crontab: CRONTAB, systemctl: SYSTEMCTL, 'notify-send': NOTIFY_SEND };
  for (const name of which) {
    writeFileSync(path.join(bin, name), scripts[name]);
    chmodSync(path.join(bin, name), 0o755);
  }
  const files = {
    crontab: path.join(root, 'crontab'),
    systemctlLog: path.join(root, 'systemctl.log'),
    notifications: path.join(root, 'notifications'),
  };
  return {
    bin,
    ...files,
    env: {
      FAKE_CRONTAB: files.crontab,
      FAKE_SYSTEMCTL_LOG: files.systemctlLog,
      FAKE_NOTIFICATIONS: files.notifications,
    },
  };
}

/**
 * The real git (found on `searchPath`) behind a script that notes each of its runs first: which
 * git commands a run of intimacy started, as a user tracing it would see. Put `bin` first on PATH.
 */
export function tracedGit(searchPath = process.env.PATH ?? ''): {
  bin: string;
  runs: () => string[];
  clear: () => void;
} {
  const real = searchPath
    .split(':')
    .map((folder) => path.join(folder, 'git'))
    .find((file) => existsSync(file));
  if (real === undefined) throw new Error('no git on PATH');
  const bin = path.join(tempDir('intimacy-fakes-'), 'bin');
  mkdirSync(bin);
  const log = path.join(bin, 'git.log');
  writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(path.join(bin, 'git'), 0o755);
  return {
    bin,
    runs: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
    clear: () => rmSync(log, { force: true }),
  };
}
