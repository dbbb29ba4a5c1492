import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanupTemp, newUser, runCli, tempDir } from '../helpers/cli.js';
import { fakePrograms } from '../helpers/fake-programs.js';

/*
 * `intimacy remind`, against a scratch crontab and a scratch systemd user unit folder
 * (XDG_CONFIG_HOME). crontab, systemctl and notify-send are test doubles on PATH (see
 * fake-programs.ts); the tests assert the files a real scheduler would read and the calls it
 * would get, and run the crontab's line with sh as cron would.
 */
afterAll(cleanupTemp);

/** Only what the reminder needs besides the fakes: git, and what the fakes use. No real scheduler is found. */
function toolsOnly(): string {
  const dir = path.join(tempDir('intimacy-tools-'), 'bin');
  mkdirSync(dir);
  for (const tool of ['git', 'cat', 'rm']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(found, path.join(dir, tool));
  }
  return dir;
}

async function setUp(which: Parameters<typeof fakePrograms>[0], extra: Record<string, string> = {}) {
  const fakes = fakePrograms(which);
  const { env, home } = newUser();
  const journal = path.join(home, 'journal');
  Object.assign(env, fakes.env, extra, {
    PATH: `${fakes.bin}:${toolsOnly()}`,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    INTIMACY_JOURNAL: journal,
  });
  expect((await runCli(['init', journal, '--me', 'Alex', '--partner', 'Jordan'], { env })).code).toBe(0);
  return { fakes, env, home, journal, units: path.join(home, 'config', 'systemd', 'user') };
}

function read(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

async function ok(args: string[], env: NodeJS.ProcessEnv) {
  const result = await runCli(args, { env });
  expect(result.code, result.stderr).toBe(0);
  return result;
}

describe('remind with a systemd user session', () => {
  it('writes a timer and its service in the user unit folder, enables it, and remove takes both out', async () => {
    const { fakes, env, units, journal } = await setUp(['systemctl', 'crontab']);
    const installed = await ok(['remind', 'install', '--at', 'sun 19:00'], env);
    expect(installed.stdout).toBe('Reminder set on Sun at 19:00, through a systemd user timer.\n');
    const timer = read(path.join(units, 'intimacy-remind.timer'));
    expect(timer).toMatch(/^OnCalendar=Sun \*-\*-\* 19:00:00$/m);
    expect(timer).toMatch(/^Persistent=true$/m);
    expect(timer).toMatch(/^WantedBy=timers\.target$/m);
    const service = read(path.join(units, 'intimacy-remind.service'));
    expect(service).toMatch(/^Type=oneshot$/m);
    expect(service).toContain(`ExecStart="${process.execPath}" "${BIN}" "--journal" "${journal}" "remind" "notify"`);
    expect(read(fakes.systemctlLog).split('\n')).toEqual(
      expect.arrayContaining(['--user daemon-reload', '--user enable --now intimacy-remind.timer']),
    );
    // nothing went into the crontab
    expect(existsSync(fakes.crontab)).toBe(false);

    const status = await ok(['remind', 'status'], env);
    expect(status.stdout).toContain('systemd user timer: Sun *-*-* 19:00:00');

    writeFileSync(fakes.systemctlLog, '');
    expect((await ok(['remind', 'remove'], env)).stdout).toBe('Reminder removed.\n');
    expect(existsSync(path.join(units, 'intimacy-remind.timer'))).toBe(false);
    expect(existsSync(path.join(units, 'intimacy-remind.service'))).toBe(false);
    expect(read(fakes.systemctlLog)).toContain('--user disable --now intimacy-remind.timer');
    expect((await ok(['remind', 'status'], env)).stdout).toMatch(/^No reminder is installed/);
    expect((await ok(['remind', 'remove'], env)).stdout).toBe('No reminder was installed; nothing changed.\n');
  });

  it('says what systemctl said when it refuses, leaving no unit behind', async () => {
    const { env, units } = await setUp(['systemctl'], { FAKE_SYSTEMD: 'down' });
    const refused = await runCli(['remind', 'install', '--with', 'systemd'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/systemctl --user daemon-reload failed: Failed to connect to bus/);
    expect(existsSync(path.join(units, 'intimacy-remind.timer'))).toBe(false);
    expect(existsSync(path.join(units, 'intimacy-remind.service'))).toBe(false);
  });

  it('keeps a journal path with spaces, % and $ literal in the unit', async () => {
    const { env, units } = await setUp(['systemctl']);
    const odd = path.join(path.dirname(env.INTIMACY_JOURNAL!), 'our 100% $journal');
    expect((await runCli(['init', odd, '--me', 'Alex'], { env })).code).toBe(0);
    await ok(['--journal', odd, 'remind', 'install'], env);
    const escaped = odd.replace('%', '%%').replace('$', () => '$$');
    expect(read(path.join(units, 'intimacy-remind.service'))).toContain(`"--journal" "${escaped}" "remind"`);
  });
});

describe('remind with crontab', () => {
  it('adds its lines to the crontab beside the user own, replaces them on reinstall, and removes only them', async () => {
    const { fakes, env, journal } = await setUp(['systemctl', 'crontab', 'notify-send'], { FAKE_SYSTEMD: 'down' });
    const mine = '# my backups\n30 2 * * * /usr/local/bin/backup --quiet\n';
    writeFileSync(fakes.crontab, mine);
    const installed = await ok(['remind', 'install', '--at', 'mon,thu 08:30'], env);
    expect(installed.stdout).toBe('Reminder set on Mon, Thu at 08:30, through your crontab.\n');
    const table = read(fakes.crontab);
    expect(table.startsWith(mine)).toBe(true);
    const line = table.split('\n').find((l) => l.startsWith('30 8 * * 1,4 '))!;
    expect(line).toBe(
      `30 8 * * 1,4 '${process.execPath}' '${BIN}' '--journal' '${journal}' 'remind' 'notify' >/dev/null 2>&1`,
    );
    expect((await ok(['remind', 'status'], env)).stdout).toBe('crontab: 30 8 * * 1,4\n');

    await ok(['remind', 'install'], env);
    const again = read(fakes.crontab);
    expect(again.match(/intimacy reminder/g)).toHaveLength(2); // one BEGIN, one END: one block
    expect(again).toMatch(/^0 19 \* \* \* /m);

    await ok(['remind', 'remove'], env);
    expect(read(fakes.crontab)).toBe(mine);
  });

  it('the line cron runs shows what is due through notify-send, and prints nothing', async () => {
    const { fakes, env } = await setUp(['crontab', 'notify-send']);
    await ok(['remind', 'install', '--with', 'cron'], env);
    const line = read(fakes.crontab)
      .split('\n')
      .find((l) => /^0 19 /.test(l))!;
    const command = line.split(' ').slice(5).join(' ');
    // As cron runs it: /bin/sh, HOME and a short PATH; the clock of the tests.
    const cronEnv = {
      HOME: env.HOME!,
      PATH: `${fakes.bin}:/usr/bin:/bin`,
      ...fakes.env,
      INTIMACY_NOW: env.INTIMACY_NOW!,
    };
    const ran = spawnSync('/bin/sh', ['-c', command], { env: cronEnv, encoding: 'utf8', timeout: 20_000 });
    expect(ran.status).toBe(0);
    expect(ran.stdout + ran.stderr).toBe('');
    const [args = ''] = read(fakes.notifications).split('\n\n');
    const [appName, title, ...body] = args.split('\n');
    expect(appName).toBe('--app-name=intimacy');
    expect(title).toMatch(/^intimacy: \d rituals are due$/);
    expect(body.join('\n')).toMatch(/^due {2}check-in — not yet/m);
    expect(body.join('\n')).not.toMatch(/\x1b/);
  });

  it('without a notifier the reminder is silent', async () => {
    const { env } = await setUp(['crontab']);
    expect(await runCli(['remind', 'notify'], { env })).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('remind refuses clearly', () => {
  it('a time it cannot read, installing nothing', async () => {
    const { fakes, env } = await setUp(['crontab']);
    const bad = await runCli(['remind', 'install', '--at', 'sunday at seven'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--at: "sunday at seven" does not end with a time such as 19:00/);
    const day = await runCli(['remind', 'install', '--at', 'someday 19:00'], { env });
    expect(day.stderr).toMatch(/"someday" is not a day/);
    const said = async (at: string) => (await runCli(['remind', 'install', '--at', at], { env })).stderr;
    expect(await said('sun 25:00')).toMatch(/^error: --at: "25:00" is not a time of day \(00:00 to 23:59\)/);
    expect(await said('sun 7pm')).toMatch(/^error: --at: "7pm": give the time on the 24-hour clock, such as 19:00/);
    expect(await said('weekdays 8:30am')).toMatch(/such as 08:30/);
    expect(await said('mon')).toMatch(/^error: --at: "mon" has no time: add one, such as "mon 19:00"/);
    // a usage error, even where there is no journal
    const nowhere = await runCli(['--journal', path.join(tempDir(), 'none'), 'remind', 'install', '--at', '7pm'], {
      env,
    });
    expect(nowhere.code).toBe(2);
    expect(existsSync(fakes.crontab)).toBe(false);
  });

  it('a computer with no scheduler: it says what to do instead', async () => {
    const { env } = await setUp([]);
    const none = await runCli(['remind', 'install'], { env });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/neither a systemd user session nor crontab/);
    expect(none.stderr).toMatch(/intimacy status --quiet/);
  });
});
