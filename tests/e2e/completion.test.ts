import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ENTRY_IDS } from '../../src/app/completion-values.js';
import { cleanupTemp, newUser, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { seedEntries } from '../helpers/journal.js';
import { BASH_COMPLETION, bashCompletionTestsRun, intimacyOnPath, shellTestsRun } from '../helpers/shells.js';
import { shellQuote, startShellTerminal, type Terminal } from '../helpers/tmux.js';

/*
 * The completion scripts loaded in real shells (bash with bash-completion and without, zsh with compinit,
 * fish), pressing Tab at a real terminal for bash and zsh, and asking fish's own completion
 * engine (`complete -C`). The values come from a real journal: its own template, its rituals,
 * partners, and entry ids, shared and private.
 */

interface Fixture {
  env: NodeJS.ProcessEnv;
  home: string;
  journal: string;
  shared: string;
  /** its path in the journal */
  sharedPath: string;
  secret: string;
  answers: string;
}

let fixture: Fixture;
const open: Terminal[] = [];

async function ok(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const result = await runCli(args, { env });
  if (result.code !== 0) throw new Error(`intimacy ${args.join(' ')} failed: ${result.stderr}`);
  return result.stderr + result.stdout;
}

beforeAll(async () => {
  const { home, env } = newUser();
  const journal = path.join(home, 'journal');
  env.INTIMACY_JOURNAL = journal;
  env.PATH = `${intimacyOnPath()}:${process.env.PATH}`;
  await ok(['init', journal, '--me', 'Alex', '--partner', 'Jordan'], env);
  const saved = /Saved gratitude (\S+) → (\S+)/.exec(await ok(['gratitude', '--tag', 'kitchen', 'the soup'], env))!;
  const shared = saved[1]!;
  const sharedPath = path.relative(journal, saved[2]!);
  await ok(['gratitude', '--tag', 'kitchen', '--tag', 'walks', 'the tea'], env);
  const secret = /Saved gratitude (\S+)/.exec(await ok(['gratitude', '--private', 'not yet said'], env))![1]!;
  await ok(['templates', 'new', 'our_budget'], env);
  await ok(['rituals', 'add', 'affection', '--cadence', 'daily', '--who', 'each'], env);
  // a deck of the journal's own, and a broken one
  mkdirSync(path.join(journal, 'decks'));
  const playful = readFileSync(path.join(ROOT, 'decks', 'playful.yaml'), 'utf8');
  writeFileSync(
    path.join(journal, 'decks', 'our-questions.yaml'),
    playful.replace(/^name: .*$/m, 'name: our-questions').replace(/^title: .*$/m, 'title: Ours'),
  );
  writeFileSync(path.join(journal, 'decks', 'broken.yaml'), 'title: [\n');
  const answers = path.join(home, 'answers');
  mkdirSync(answers);
  writeFileSync(path.join(answers, 'budget-answers.yaml'), 'total: 3\n');
  fixture = { env, home, journal, shared, sharedPath, secret, answers };
});

afterEach(() => {
  for (const terminal of open.splice(0)) terminal.kill();
});
afterAll(cleanupTemp);

function terminal(commandLine: string, env: NodeJS.ProcessEnv): Terminal {
  const started = startShellTerminal(commandLine, env, fixture.home, { columns: 160, rows: 40 });
  open.push(started);
  return started;
}

/** Types `text`, presses Tab `times` times, and waits for the screen to show `expected`. */
async function tab(at: Terminal, text: string, expected: string | RegExp, times = 1): Promise<string> {
  at.keys('C-u');
  at.type(text);
  for (let i = 0; i < times; i++) at.keys('Tab');
  return at.waitFor(expected);
}

const bashRuns = shellTestsRun('bash') && shellTestsRun('tmux') && bashCompletionTestsRun();
describe.skipIf(!bashRuns)('completion in bash', { timeout: 60_000 }, () => {
  it('completes commands, the journal own template, rituals, entry ids and file names at a terminal', async () => {
    const rc = path.join(tempDir(), 'bashrc');
    writeFileSync(rc, `PS1='$ '\nsource ${BASH_COMPLETION}\nsource <(intimacy completion bash)\n`);
    const bash = terminal(`bash --noprofile --rcfile ${rc} -i`, fixture.env);
    await bash.waitFor('$');
    bash.type('complete -p intimacy');
    bash.keys('Enter');
    await bash.waitFor('complete -o default -F __intimacy_complete intimacy');

    await tab(bash, 'intimacy templates sh', '$ intimacy templates show ');
    bash.type('our_b');
    bash.keys('Tab');
    await bash.waitFor('$ intimacy templates show our_budget ');
    await tab(bash, 'intimacy skip aff', '$ intimacy skip affection ');
    await tab(bash, 'intimacy log --author J', '$ intimacy log --author Jordan ');
    await tab(bash, 'intimacy log --author=J', '$ intimacy log --author=Jordan ');
    const listing = await tab(bash, 'intimacy show ', fixture.secret, 2);
    expect(listing).toContain(fixture.shared);
    expect(listing).toContain('last');
    await tab(bash, 'intimacy new our_budget --answers answers/bud', '--answers answers/budget-answers.yaml');
    await tab(bash, 'intimacy export --format h', '$ intimacy export --format html ');
  });
});

describe.skipIf(!shellTestsRun('bash') || !shellTestsRun('tmux'))(
  'completion in bash without bash-completion',
  {
    timeout: 60_000,
  },
  () => {
    it('completes at a terminal in a bash that has only its own completion (--norc: no bash-completion)', async () => {
      const bash = terminal('bash --norc --noprofile -i', fixture.env);
      bash.type(
        "PS1='$ '; source <(intimacy completion bash); declare -F _get_comp_words_by_ref || echo no-bash-completion",
      );
      bash.keys('Enter');
      await bash.waitFor('no-bash-completion');
      await tab(bash, 'intimacy sk', '$ intimacy skip ');
      bash.type('aff');
      bash.keys('Tab');
      await bash.waitFor('$ intimacy skip affection ');
      await tab(bash, 'intimacy log --author J', '$ intimacy log --author Jordan ');
      await tab(bash, 'intimacy log --author=J', '$ intimacy log --author=Jordan ');
      const listing = await tab(bash, 'intimacy show ', fixture.secret, 2);
      expect(listing).toContain(fixture.shared);
      await tab(bash, 'intimacy new our_budget --answers answers/bud', '--answers answers/budget-answers.yaml');
      expect(bash.screen()).not.toMatch(/command not found|_get_comp_words_by_ref:/);
    });

    it.skipIf(!bashCompletionTestsRun())(
      'reads the words of the line as bash-completion does, "=" and ":" joined to the words beside them',
      async () => {
        const { stdout } = await runCli(['completion', 'bash'], { env: fixture.env });
        const script = path.join(tempDir(), 'intimacy.bash');
        writeFileSync(script, stdout);
        // The line (| marks the cursor, else at its end), the word at the cursor, and the words as bash splits them.
        const lines: [string, number, string[]][] = [
          ['intimacy log --author=J', 4, ['intimacy', 'log', '--author', '=', 'J']],
          ['intimacy log --author=', 3, ['intimacy', 'log', '--author', '=']],
          ['intimacy log --author ', 3, ['intimacy', 'log', '--author', '']],
          ['intimacy log --tag=a:b', 6, ['intimacy', 'log', '--tag', '=', 'a', ':', 'b']],
          ['intimacy x = y', 3, ['intimacy', 'x', '=', 'y']],
          ['intimacy x =y', 3, ['intimacy', 'x', '=', 'y']],
          ['intimacy x= y', 3, ['intimacy', 'x', '=', 'y']],
          ['intimacy  show "our b"', 2, ['intimacy', 'show', '"our b"']],
          ['intimacy sk|ip now', 1, ['intimacy', 'skip', 'now']],
          ['intimacy Zoë', 1, ['intimacy', 'Zoë']],
        ];
        const calls = lines.map(([line, cword, words]) => {
          const point = line.includes('|') ? line.indexOf('|') : line.length;
          const set = `COMP_LINE=${shellQuote(line.replace('|', ''))} COMP_POINT=${point} COMP_CWORD=${cword}`;
          return `${set}; COMP_WORDS=(${words.map(shellQuote).join(' ')}); __intimacy_complete`;
        });
        // In place of the program, what the script's words are when it asks it (and compopt, which
        // works only while bash completes): the script itself runs as at a Tab.
        const standIns = [
          'compopt() { :; }',
          `intimacy() { printf '%s\\n' "cur=<$cur> prev=<$prev> cword=$cword words=$(printf '<%s>' "\${words[@]}") asked=$*" >&3; echo :4; }`,
        ];
        const run = (before: string[]) =>
          spawnSync(
            'bash',
            [
              '--norc',
              '--noprofile',
              '-c',
              [...before, `source ${shellQuote(script)}`, ...standIns, 'exec 3>&1', ...calls].join('\n'),
            ],
            { encoding: 'utf8', env: { ...fixture.env, LANG: 'C.UTF-8' } },
          );
        const ours = run(['declare -F _get_comp_words_by_ref && exit 9']);
        const theirs = run([`source ${BASH_COMPLETION}`]);
        expect(ours.stderr).toBe('');
        expect(theirs.stderr).toBe('');
        expect(ours.stdout).toContain(
          'cur=<--author=J> prev=<log> cword=2 words=<intimacy><log><--author=J> asked=complete -- log --author=J',
        );
        expect(ours.stdout.trim().split('\n')).toHaveLength(lines.length);
        expect(ours.stdout).toBe(theirs.stdout);
      },
    );
  },
);

describe.skipIf(!shellTestsRun('bash'))('the bash script, with bash-completion or without', () => {
  it('never runs what was typed ($(…), `…`), reads quotes and ~ as bash will, and offers the value after --option=', async () => {
    const { stdout } = await runCli(['completion', 'bash'], { env: fixture.env });
    const script = path.join(tempDir(), 'intimacy.bash');
    writeFileSync(script, stdout);
    const ran = path.join(tempDir(), 'ran');
    // The line, and its words as bash splits them: at the "=" where it breaks words there, else not.
    const typed = ['intimacy', 'log', `$(touch ${ran})`, `\`touch ${ran}\``, '--journal', '~/j', '"our b"'];
    const line = `${typed.join(' ')} --author=J`;
    const set = (words: string[]) =>
      `COMP_LINE=${shellQuote(line)} COMP_POINT=${line.length} COMP_CWORD=${words.length - 1} COMP_WORDS=(${words.map(shellQuote).join(' ')})`;
    // In place of the program: note the arguments it is given, and offer a partner.
    const standIns = [
      'compopt() { :; }',
      `intimacy() { printf '<%s>' "$@" >&3; printf '\\n' >&3; printf 'Jordan\\tpartner\\n:4\\n'; }`,
    ];
    const complete = (breaks: string, words: string[]) =>
      `COMP_WORDBREAKS=${shellQuote(breaks)}; ${set(words)}; __intimacy_complete; printf 'offered=%s\\n' "\${COMPREPLY[@]}" >&3`;
    const run = (before: string[]) =>
      spawnSync(
        'bash',
        [
          '--norc',
          '--noprofile',
          '-c',
          [
            ...before,
            `source ${shellQuote(script)}`,
            ...standIns,
            'exec 3>&1',
            complete(' \t\n"\'><=;|&(:', [...typed, '--author', '=', 'J']),
            complete(' \t\n"\'><;|&(', [...typed, '--author=J']),
          ].join('\n'),
        ],
        { encoding: 'utf8', env: { ...fixture.env, HOME: '/home/someone', LANG: 'C.UTF-8' } },
      );
    const asked = `<complete><--><log><$(touch ${ran})><\`touch ${ran}\`><--journal></home/someone/j><our b><--author=J>`;
    for (const result of [
      run(['declare -F _get_comp_words_by_ref && exit 9']),
      ...(bashCompletionTestsRun() ? [run([`source ${BASH_COMPLETION}`])] : []),
    ]) {
      expect(result.stderr).toBe('');
      // Readline puts the offer after the "=" where "=" breaks words, else in place of the whole word.
      expect(result.stdout).toBe(`${asked}\noffered=Jordan\n${asked}\noffered=--author=Jordan\n`);
    }
    expect(existsSync(ran)).toBe(false);
  });
});

describe.skipIf(!shellTestsRun('zsh') || !shellTestsRun('tmux'))('completion in zsh', { timeout: 60_000 }, () => {
  it('completes at a terminal with compinit, and lists values with their descriptions', async () => {
    const zdotdir = tempDir();
    writeFileSync(
      path.join(zdotdir, '.zshrc'),
      "PS1='%% '\nautoload -U compinit && compinit -u\nsource <(intimacy completion zsh)\n",
    );
    const zsh = terminal('zsh -i', { ...fixture.env, ZDOTDIR: zdotdir });
    await zsh.waitFor('%');
    await tab(zsh, 'intimacy templates sh', '% intimacy templates show ');
    zsh.type('our_b');
    zsh.keys('Tab');
    await zsh.waitFor('% intimacy templates show our_budget ');
    const rituals = await tab(zsh, 'intimacy skip ', /affection\s+-- daily/);
    expect(rituals).toMatch(/checkin\s+-- weekly/);
    const entries = await tab(zsh, 'intimacy edit ', /gratitude by Alex, private/);
    expect(entries).toContain(fixture.secret);
    expect(entries).toContain(fixture.shared);
    await tab(zsh, 'intimacy log --author=J', '% intimacy log --author=Jordan');
    await tab(zsh, 'intimacy new our_budget --answers answers/bud', '--answers answers/budget-answers.yaml');
    await tab(zsh, 'intimacy --journal jour', '% intimacy --journal journal/');
  });
});

describe.skipIf(!shellTestsRun('fish'))('completion in fish', { timeout: 60_000 }, () => {
  /** What fish's own completion engine offers for a command line, loaded from `intimacy completion fish`. */
  function fishCompletes(line: string): string[] {
    const script = `intimacy completion fish | source; complete -C ${JSON.stringify(line)}`;
    const result = spawnSync('fish', ['--no-config', '-c', script], {
      cwd: fixture.home,
      env: fixture.env,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    return result.stdout.trim().split('\n');
  }

  it('offers commands, options, templates, partners and entries with their descriptions', () => {
    expect(fishCompletes('intimacy gra')).toEqual([
      'gratitude\tsave a quick gratitude note (inline, prompted, or from stdin)',
    ]);
    expect(fishCompletes('intimacy new our')).toEqual(['our_budget\tour budget']);
    expect(fishCompletes('intimacy gratitude --for ')).toEqual(['Alex\tpartner', 'Jordan\tpartner']);
    expect(fishCompletes('intimacy log --author=J')).toEqual(['--author=Jordan\tpartner']);
    expect(fishCompletes('intimacy show ')).toEqual(
      expect.arrayContaining([
        'last\tthe newest entry',
        `${fixture.shared}\tgratitude by Alex`,
        `${fixture.secret}\tgratitude by Alex, private`,
      ]),
    );
    expect(fishCompletes('intimacy log --on')).toEqual([
      '--on-this-day\tonly entries written on this day of the year in earlier years',
    ]);
    expect(fishCompletes('intimacy new our_budget --answers answers/')).toEqual(['answers/budget-answers.yaml']);
  });

  it('offers the tags in use with their counts, names for --me and whoami --set, and a command group help', () => {
    expect(fishCompletes('intimacy log --tag ')).toEqual(['kitchen\t2 entries', 'walks\t1 entry']);
    expect(fishCompletes('intimacy gratitude --tag w')).toEqual(['walks\t1 entry']);
    expect(fishCompletes('intimacy --me J')).toEqual(['Jordan\tpartner']);
    expect(fishCompletes('intimacy whoami --set ')).toEqual(['Alex\tpartner', 'Jordan\tpartner']);
    expect(fishCompletes('intimacy partners rename A')).toEqual(['Alex\tpartner']);
    expect(fishCompletes('intimacy templates help ')).toEqual(['list', 'new', 'show']);
  });

  it('offers the built-in decks and the journal own, not a broken one', () => {
    const decks = fishCompletes('intimacy decks ');
    expect(decks).toEqual(
      expect.arrayContaining(['our-questions\tOurs', 'thirty-six\tThirty-six questions, gradually deeper']),
    );
    expect(decks).toHaveLength(9);
    expect(decks.join('\n')).not.toMatch(/broken/);
  });

  it('offers the open conflict copies to conflicts resolve', () => {
    const entry = path.join(fixture.journal, fixture.sharedPath);
    const copy = entry.replace(/\.md$/, '-conflict_jordan.md');
    copyFileSync(entry, copy);
    try {
      expect(fishCompletes('intimacy conflicts resolve ')).toEqual([
        `${fixture.shared}-conflict_jordan\t${fixture.sharedPath}, Jordan's version`,
      ]);
    } finally {
      rmSync(copy);
    }
  });
});

describe('the completion scripts and requests', () => {
  it.each([
    ['bash', ['-n']],
    ['zsh', ['-n']],
    ['fish', ['--no-execute']],
  ])('%s reads its script without a syntax error', async (shell, check) => {
    if (!shellTestsRun(shell)) return;
    const { stdout, code } = await runCli(['completion', shell], { env: fixture.env });
    expect(code).toBe(0);
    const file = path.join(tempDir(), `intimacy.${shell}`);
    writeFileSync(file, stdout);
    const result = spawnSync(shell, [...check, file], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('refuses a shell it has no script for, naming the ones it has', async () => {
    const { code, stderr } = await runCli(['completion', 'tcsh'], { env: fixture.env });
    expect(code).toBe(2);
    expect(stderr).toMatch(/bash, zsh, fish/);
  });

  it('answers from the journal --journal names on the command line', async () => {
    const elsewhere = newUser().env;
    const { stdout, code } = await runCli(['complete', '--', '--journal', fixture.journal, 'skip', ''], {
      env: elsewhere,
    });
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual(expect.arrayContaining(['affection\tdaily', 'checkin\tweekly', ':4']));
  });

  it('without a journal still completes commands and built-in templates, quietly', async () => {
    const { env } = newUser();
    const commands = await runCli(['complete', '--', 'st'], { env });
    expect(commands.stdout.split('\n')).toEqual(expect.arrayContaining([expect.stringMatching(/^status\t/), ':4']));
    const templates = await runCli(['complete', '--', 'new', ''], { env });
    expect(templates.stdout).toMatch(/^checkin\tWeekly check-in$/m);
    const entries = await runCli(['complete', '--', 'show', ''], { env });
    expect(entries.stdout.trim()).toBe(':4');
    for (const result of [commands, templates, entries]) {
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
    }
  });

  it('offers nothing it cannot vouch for: a broken settings file, a hostile file name', async () => {
    const { home, env } = newUser();
    const journal = path.join(home, 'journal');
    env.INTIMACY_JOURNAL = journal;
    await ok(['init', journal, '--me', 'Alex'], env);
    writeFileSync(path.join(journal, 'intimacy.yaml'), 'version: 1\nrituals: [unclosed\n');
    mkdirSync(path.join(journal, 'templates'), { recursive: true });
    const hostile = readFileSync(path.join(ROOT, 'templates', 'gratitude.yaml'), 'utf8');
    writeFileSync(path.join(journal, 'templates', 'x\x1b[2J$(reboot).yaml'), hostile);
    const rituals = await runCli(['complete', '--', 'skip', ''], { env });
    expect(rituals).toEqual({ code: 0, stdout: ':4\n', stderr: '' });
    const templates = await runCli(['complete', '--', 'new', ''], { env });
    expect(templates.code).toBe(0);
    expect(templates.stdout).toMatch(/^gratitude\t/m);
    expect(templates.stdout).not.toMatch(/reboot|\x1b/);
  });

  it('describes entries by their authors as intimacy.yaml spells them, a renamed partner by the new name', async () => {
    const { home, env } = newUser();
    const journal = path.join(home, 'journal');
    await ok(['init', journal, '--me', 'Mary Ann', '--partner', 'Zoë'], env);
    const seeds = [
      { type: 'gratitude', author: 'Mary Ann', date: '2025-03-01T09:00:00Z' },
      { type: 'gratitude', author: 'Zoë', date: '2025-03-02T09:00:00Z' },
      { type: 'gratitude', author: 'Sam', date: '2025-03-03T09:00:00Z' },
    ];
    const [mine, hers, someone] = seedEntries(journal, seeds, env).map((relPath) => path.basename(relPath, '.md'));
    await ok(['partners', 'rename', 'Zoë', 'Zoé Li'], env);
    const { stdout, code } = await runCli(['complete', '--', '--journal', journal, 'show', ''], { env });
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual(
      expect.arrayContaining([
        `${mine}\tgratitude by Mary Ann`,
        `${hers}\tgratitude by Zoé Li`,
        // not a partner: the name in the file's name is all there is
        `${someone}\tgratitude by sam`,
      ]),
    );
  });

  it('offers the newest entry ids and the oldest when more than a shell lists start with what was typed', async () => {
    const { home, env } = newUser();
    const journal = path.join(home, 'journal');
    await ok(['init', journal, '--me', 'Alex', '--partner', 'Jordan'], env);
    // 150 entries, one a day from 2025-03-01, and a file whose name is not one to offer
    const seeds = Array.from({ length: 150 }, (_, day) => ({
      type: 'gratitude',
      author: day % 2 ? 'Jordan' : 'Alex',
      date: new Date(Date.UTC(2025, 2, 1 + day, 9)).toISOString().replace('.000Z', 'Z'),
    }));
    const ids = seedEntries(journal, seeds, env).map((relPath) => path.basename(relPath, '.md'));
    writeFileSync(path.join(journal, 'entries/2025/03/20250301T000000Z-gratitude-a b.md'), 'not offered');
    const offered = async (typed: string) => {
      const { stdout, code } = await runCli(['complete', '--', '--journal', journal, 'show', typed], { env });
      expect(code).toBe(0);
      return stdout
        .trim()
        .split('\n')
        .slice(0, -1)
        .map((line) => line.split('\t')[0]!)
        .filter((value) => value !== 'last');
    };
    const newestFirst = [...ids].reverse();
    const all = await offered('');
    expect(all).toHaveLength(MAX_ENTRY_IDS);
    expect(all).toEqual([...newestFirst.slice(0, MAX_ENTRY_IDS - 1), ids[0]]);
    // What every id starts with, so Tab inserts what it would with all of them offered.
    expect(commonStart(all)).toBe(commonStart(ids));
    const march = await offered('202503');
    expect(march).toEqual(newestFirst.filter((id) => id.startsWith('202503')));
    expect(await offered('2025030')).toEqual(newestFirst.filter((id) => id.startsWith('2025030')));
  });
});

function commonStart(words: string[]): string {
  let start = words[0] ?? '';
  for (const word of words) while (!word.startsWith(start)) start = start.slice(0, -1);
  return start;
}
