import { RootCommand, ShellCompDirective, type Command as TabCommand } from '@bomb.sh/tab';
import type { CommandSpec, OptionSpec } from '../ui/command-spec.js';
import type { JournalValues, Suggestion } from './completion-values.js';

/*
 * Shell completion, through @bomb.sh/tab: the library writes the bash, zsh and fish scripts and
 * matches the words typed so far against the commands; this file tells it what the commands are
 * (the build's description of them, ui/command-spec.ts) and which values each slot takes.
 *
 * The library asks for values synchronously while the journal is read asynchronously, so a
 * request is answered in two passes: the first notes which kinds of value the word being
 * completed takes, then only those are read from the journal, and the second pass offers them.
 */

export type Shell = 'bash' | 'zsh' | 'fish';
export const SHELLS: Shell[] = ['bash', 'zsh', 'fish'];

/** What a slot offers: values from the journal, the command names, or the shell's own file names. */
export type Slot = JournalValues | 'commands' | 'files' | 'dirs';

/** Arguments that take the journal's values, by the command's path and the argument's name. */
export const ARGUMENT_VALUES: Record<string, Slot> = {
  'new template': 'templates',
  'templates show name': 'templates',
  'skip ritual': 'rituals',
  'rituals set name': 'rituals',
  'rituals remove name': 'rituals',
  'show id|last|date': 'entries',
  'edit id|last': 'entries',
  'reply id|last': 'entries',
  'conflicts resolve id': 'conflicts',
  'decks name': 'decks',
  'partners rename old': 'partners',
  'help command': 'commands',
};

/** Options whose value is one of the journal's, whichever command has them. */
export const OPTION_VALUES: Record<string, Slot> = {
  '--type': 'types',
  '--author': 'partners',
  '--for': 'partners',
  '--me': 'partners',
  '--set': 'partners',
  '--tag': 'tags',
  '--from': 'templates',
  '--deck': 'decks',
  '--question': 'questions',
};

/** Which values an argument or an option takes: from the tables above, else a file or folder by its placeholder. */
export function slotOf(commandPath: string, name: string, placeholder: string): Slot | undefined {
  const named = name.startsWith('-') ? OPTION_VALUES[name] : ARGUMENT_VALUES[`${commandPath} ${name}`.trim()];
  if (named) return named;
  if (/^[<[](file|path)[>\]]$/.test(placeholder)) return 'files';
  if (/^[<[]dir[>\]]$/.test(placeholder)) return 'dirs';
  return undefined;
}

/** The journal's values of one kind; `typed` is the start the library will keep (the word being completed). */
export type ValueSource = (kind: JournalValues, typed: string) => Promise<Suggestion[]>;

/**
 * The lines the completion scripts read for `words` (what follows `intimacy` on the command
 * line, the last one being completed, '' after a space): `value<TAB>description` lines, then
 * `:directive`. A journal that cannot be read offers nothing of its own; it is never an error.
 */
export async function completionLines(program: CommandSpec, words: string[], source: ValueSource): Promise<string[]> {
  const wanted = new Set<Slot>();
  const values = new Map<Slot, Suggestion[]>([['commands', commandNames(program)]]);
  const tab = new RootCommand();
  describeTo(tab, program, (slot) => (complete) => {
    wanted.add(slot);
    for (const { value, description } of values.get(slot) ?? []) complete(value, description);
  });
  printed(() => tab.parse([...words]));
  const typed = typedPart(words.at(-1) ?? '');
  await Promise.all(
    [...wanted].map(async (slot) => {
      if (slot === 'commands' || slot === 'files' || slot === 'dirs') return;
      values.set(slot, (await source(slot, typed).catch(() => [])).filter(safe).map(tidy));
    }),
  );
  wanted.clear();
  const lines = printed(() => tab.parse([...words]));
  // Where a file or a folder goes, the shell lists them (the library always turns that off).
  const directive = wanted.has('files')
    ? ShellCompDirective.ShellCompDirectiveDefault
    : wanted.has('dirs')
      ? ShellCompDirective.ShellCompDirectiveFilterDirs
      : undefined;
  if (directive !== undefined && lines.length > 0) lines[lines.length - 1] = `:${directive}`;
  return lines;
}

/** The script for `shell`, which asks `intimacy complete -- WORDS…` at each Tab. */
export function completionScript(shell: Shell): string {
  const script = printed(() => new RootCommand().setup('intimacy', 'intimacy', shell)).join('\n') + '\n';
  return shell === 'bash' ? bashScript(script) : script;
}

/**
 * Lines of the library's bash script: the one that needs bash-completion, where it registers,
 * where its function starts, where it asks the program (through eval of the words typed), and
 * where it matches what the program offered with the word at the cursor.
 */
const BASH_WORDS_LINE = /^( *)_get_comp_words_by_ref -n "=:" cur prev words cword$/m;
const BASH_COMPLETE_LINE = /^complete -F /m;
const BASH_FUNCTION_LINE = /^__intimacy_complete\(\) \{$/m;
const BASH_REQUEST_LINES =
  /^ *# Build the command to get completions\n[\s\S]*?^ *out=\$\(eval "\$requestComp" 2>\/dev\/null\)\n/m;
const BASH_REPLY_LINE = /^ *COMPREPLY=\( \$\(compgen -W "\$\{completions\[\*\]\}" -- "\$cur"\) \)\n/m;

/** The words typed, made arguments without eval (which would run a `$(…)` typed on the line at each Tab). */
const BASH_DEQUOTE = `# A word as the shell will read it (its quotes and backslashes taken away, a leading ~ made the
# home folder), in REPLY, without running anything: a $ or a \` in it stays as it was typed.
__intimacy_dequote() {
    local rest=$1 char quote=
    REPLY=
    if [[ $rest == "~" || $rest == "~/"* ]]; then
        REPLY=$HOME
        rest=\${rest:1}
    fi
    while [[ -n $rest ]]; do
        char=\${rest:0:1}
        rest=\${rest:1}
        if [[ $quote == "'" ]]; then
            if [[ $char == "'" ]]; then quote=; else REPLY+=$char; fi
        elif [[ $char == '\\' ]]; then
            if [[ -z $rest || ( $quote == '"' && $rest != [\\$\\\`\\"\\\\]* ) ]]; then
                REPLY+=$char
            else
                REPLY+=\${rest:0:1}
                rest=\${rest:1}
            fi
        elif [[ -n $quote && $char == "$quote" ]]; then
            quote=
        elif [[ -z $quote && ( $char == "'" || $char == '"' ) ]]; then
            quote=$char
        else
            REPLY+=$char
        fi
    done
    return 0
}

`;

/** In place of the library's request (eval "intimacy complete -- ${words[@]:1}"). */
const BASH_REQUEST = `    # The words up to the cursor, each passed as one argument as the shell will read it: none
    # goes through eval, so a $(…) or a \`…\` on the line is never run by pressing Tab.
    local -a asked=()
    local word REPLY
    for word in "\${words[@]:1:cword > 0 ? cword - 1 : 0}" "$cur"; do
        __intimacy_dequote "$word"
        asked+=("$REPLY")
    done
    out=$(intimacy complete -- "\${asked[@]}" 2>/dev/null)
`;

/**
 * In place of the library's `compgen -W … -- "$cur"`, which matched "Jordan" against the whole
 * "--author=J" (and so offered nothing), and gave readline values it puts after an "=" or ":".
 */
const BASH_REPLY = `    # "--author=J": the program offers the value alone. Readline puts what is offered in place
    # of what follows the last "=" or ":" it breaks words at (COMP_WORDBREAKS), so that part is
    # what is offered: "Jordan" there, "--author=Jordan" where "=" does not break words.
    local typed=$cur option= replaced=$cur i
    if [[ $cur == --*=* ]]; then
        option=\${cur%%=*}=
        typed=\${cur#*=}
    fi
    COMPREPLY=($(compgen -W "\${completions[*]}" -- "$typed"))
    [[ $COMP_WORDBREAKS == *=* ]] && replaced=\${replaced##*=}
    [[ $COMP_WORDBREAKS == *:* ]] && replaced=\${replaced##*:}
    for i in "\${!COMPREPLY[@]}"; do
        COMPREPLY[i]=$option\${COMPREPLY[i]}
        COMPREPLY[i]=\${COMPREPLY[i]#"\${cur%"$replaced"}"}
    done
`;

/**
 * What bash-completion's `_get_comp_words_by_ref -n "=:"` gives the library's script (cur, prev,
 * words, cword), made from bash's own COMP_WORDS, COMP_LINE and COMP_POINT: bash splits
 * `--author=J` and `a:b` at the `=` and the `:`, and this joins a run of those marks to the
 * words it touches, as bash-completion does. Used only where bash-completion is not loaded.
 */
const BASH_WORDS_FALLBACK = `# Without bash-completion: the words as its _get_comp_words_by_ref -n "=:" gives them.
__intimacy_comp_words() {
    local rest=$COMP_LINE word blanks i at=0 start=0
    words=()
    cword=0
    cur=
    prev=
    for ((i = 0; i < \${#COMP_WORDS[@]}; i++)); do
        word=\${COMP_WORDS[i]}
        blanks=\${rest%%[![:blank:]]*}
        rest=\${rest:\${#blanks}}
        at=$((at + \${#blanks}))
        if ((i > 0)) && [[ -z $blanks ]] && [[ $word =~ ^[=:]+$ || \${COMP_WORDS[i - 1]} =~ ^[=:]+$ ]]; then
            words[\${#words[@]} - 1]+=$word
        else
            words+=("$word")
            ((i <= COMP_CWORD)) && start=$at
        fi
        ((i == COMP_CWORD)) && cword=$((\${#words[@]} - 1))
        rest=\${rest:\${#word}}
        at=$((at + \${#word}))
    done
    # the current word up to the cursor
    local length=$((COMP_POINT - start))
    ((length < 0)) && length=0
    cur=\${words[cword]:0:length}
    ((cword > 0)) && prev=\${words[cword - 1]}
    return 0
}

`;

/**
 * The library's bash script, made to work without bash-completion (bash's own completion, as
 * with `bash --norc` or a system without the package): it calls bash-completion's
 * `_get_comp_words_by_ref`, which is then missing ("command not found" at every Tab), and
 * @bomb.sh/tab has no option for that; where it is missing, our fallback gives the same words.
 */
function bashScript(script: string): string {
  const known = [BASH_WORDS_LINE, BASH_COMPLETE_LINE, BASH_FUNCTION_LINE, BASH_REQUEST_LINES, BASH_REPLY_LINE];
  if (!known.every((line) => line.test(script)))
    throw new Error('@bomb.sh/tab wrote a bash script this version of intimacy does not know how to adjust');
  const words = script.replace(
    BASH_WORDS_LINE,
    (_line, indent: string) =>
      `${indent}if declare -F _get_comp_words_by_ref >/dev/null; then\n` +
      `${indent}    _get_comp_words_by_ref -n "=:" cur prev words cword\n` +
      `${indent}else\n` +
      `${indent}    __intimacy_comp_words\n` +
      `${indent}fi`,
  );
  // Where we offer nothing but file names are expected (the default directive), fall back to
  // bash's own file name completion, as zsh and fish do; -o default asks for that.
  const registered = words.replace(BASH_COMPLETE_LINE, 'complete -o default -F ');
  // Replaced through functions, so that no "$" of the bash text is read as a pattern of replace().
  const asked = registered.replace(BASH_REQUEST_LINES, () => BASH_REQUEST).replace(BASH_REPLY_LINE, () => BASH_REPLY);
  return asked.replace(BASH_FUNCTION_LINE, (start) => `${BASH_WORDS_FALLBACK}${BASH_DEQUOTE}${start}`);
}

type Handler = (complete: (value: string, description: string) => void) => void;

function describeTo(tab: RootCommand, program: CommandSpec, handlerFor: (slot: Slot) => Handler): void {
  addOptions(tab, program, handlerFor);
  const visit = (command: CommandSpec) => {
    for (const sub of command.commands) {
      const into = tab.command(sub.path, sub.summary);
      addOptions(into, sub, handlerFor);
      // `templates help COMMAND` and the like: the commands beside it
      const siblings =
        command.path !== '' && sub.name === 'help'
          ? command.commands.filter((one) => one !== sub).map((one) => one.name)
          : undefined;
      for (const argument of sub.arguments) {
        const slot = argument.choices || siblings ? undefined : slotOf(sub.path, argument.name, argument.term);
        const handler: Handler | undefined = argument.choices
          ? offer(argument.choices)
          : siblings
            ? offer(siblings)
            : slot
              ? handlerFor(slot)
              : undefined;
        into.argument(argument.name, handler, argument.variadic);
      }
      visit(sub);
    }
  };
  visit(program);
}

function addOptions(into: TabCommand, command: CommandSpec, handlerFor: (slot: Slot) => Handler): void {
  for (const option of command.options) {
    if (!option.long) continue;
    const name = option.long.slice(2);
    const alias = option.short?.slice(1);
    if (option.value === undefined) {
      // A switch: the library knows it takes no value when it is given no handler.
      if (alias) into.option(name, option.description, alias);
      else into.option(name, option.description);
      continue;
    }
    into.option(name, option.description, valueHandler(command, option, handlerFor), alias);
  }
}

function valueHandler(command: CommandSpec, option: OptionSpec, handlerFor: (slot: Slot) => Handler): Handler {
  if (option.choices) return offer(option.choices);
  const slot = slotOf(command.path, option.long ?? '', option.value ?? '');
  // A value with nothing to offer (a date, a reason) still needs a handler: the word after it is its value.
  return slot ? handlerFor(slot) : () => undefined;
}

function offer(choices: string[]): Handler {
  return (complete) => {
    for (const choice of choices) complete(choice, '');
  };
}

function commandNames(program: CommandSpec): Suggestion[] {
  return program.commands.map((command) => ({ value: command.name, description: command.summary }));
}

/** What the library compares values with: the word being completed, or what follows its `=`. */
function typedPart(word: string): string {
  return word.includes('=') ? (word.split('=')[1] ?? '') : word;
}

/** Names made of letters, digits and a few marks only: anything else came from a file and is not offered. */
export function offerable(value: string): boolean {
  return /^[\p{L}\p{N}_.:@+-]{1,200}$/u.test(value);
}

function safe(suggestion: Suggestion): boolean {
  return offerable(suggestion.value);
}

/** Descriptions on one line, without control characters (they are shown by zsh and fish). */
function tidy(suggestion: Suggestion): Suggestion {
  const description = suggestion.description
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .trim()
    .slice(0, 80);
  return { value: suggestion.value, description };
}

/** What the library prints with console.log (its only way of answering), collected as lines instead. */
function printed(work: () => void): string[] {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...parts: unknown[]) => {
    lines.push(parts.map(String).join(' '));
  };
  try {
    work();
  } finally {
    console.log = original;
  }
  return lines.flatMap((line) => line.split('\n'));
}
