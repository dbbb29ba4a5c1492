import type { Command } from 'commander';
import type { Launch } from './context.js';

/**
 * Every command, in the order `--help` lists them: its name, how the listing shows it, its
 * one-line summary, and the module that defines it. Only the module of the command that runs
 * (or whose help is asked for) is loaded; the others are listed from here. A test builds every
 * command and checks that it matches its line here, and build-time tools (a man page,
 * completions) can load them all with `load`.
 */
export interface CommandEntry {
  name: string;
  /** as `--help` lists it: the name, "[options]" when it has any, its arguments */
  term: string;
  summary: string;
  /** called by git, not by people: left out of the help */
  hidden?: boolean;
  /** works on the repository git runs it in, not on a journal found from --journal: none is looked for */
  withoutJournal?: true;
  /**
   * git's look at the journal's files (git status, which reads every file) starts before the
   * module loads: it runs on the other core meanwhile. For the commands that read every entry.
   */
  look?: true;
  /** an option with which the command may answer without that look (it starts the look itself if it must) */
  lookSparedBy?: string;
  /**
   * sync's first look for files left uncommitted (git status over the journal's files) starts
   * before the module loads, beside the config read: it is the longest local step of a sync.
   */
  leftovers?: true;
  load: () => Promise<{ command: (launch: Launch) => Command }>;
}

export const COMMANDS: CommandEntry[] = [
  {
    name: 'init',
    term: 'init [options] [dir]',
    summary: 'create a new journal (a git repository) for the two of you',
    load: () => import('./init.js'),
  },
  {
    name: 'clone',
    term: 'clone <url> [dir]',
    summary: "join your partner's journal: clone it from the remote and make it your default journal",
    load: () => import('./clone.js'),
  },
  {
    name: 'gratitude',
    term: 'gratitude [options] [text...]',
    summary: 'save a quick gratitude note (inline, prompted, or from stdin)',
    load: () => import('./gratitude.js'),
  },
  {
    name: 'checkin',
    term: 'checkin [options]',
    summary: 'the weekly check-in: appreciations, what went well, one concern, a promise for the week',
    load: () => import('./checkin.js'),
  },
  {
    name: 'repair',
    term: 'repair [options]',
    summary: 'work through a fight or a regrettable moment, once you are both calm',
    load: () => import('./repair.js'),
  },
  {
    name: 'date',
    term: 'date [options]',
    summary: 'log a date night or time together, and plan the next one',
    load: () => import('./date.js'),
  },
  {
    name: 'pulse',
    term: 'pulse [options] [n] [note...]',
    summary: 'a one-line daily pulse: how are we today, from 1 to 5, and a word about it',
    load: () => import('./pulse.js'),
  },
  {
    name: 'new',
    term: 'new [options] <template>',
    summary: 'write an entry from any template, built-in or your own',
    load: () => import('./new.js'),
  },
  {
    name: 'ask',
    term: 'ask [options]',
    summary: 'answer a question from a deck, sealed until your partner has answered it too',
    load: () => import('./ask.js'),
  },
  {
    name: 'reply',
    term: 'reply [options] <id|last> [text...]',
    summary: "answer an entry with a short note (your partner's gratitude, a check-in, an opened question)",
    load: () => import('./reply.js'),
  },
  {
    name: 'decks',
    term: 'decks [options] [name]',
    summary: 'the question decks, and how many of their questions you have both answered',
    load: () => import('./decks.js'),
  },
  {
    name: 'questions',
    term: 'questions [options]',
    summary: 'the questions either of you has answered: waiting for you, for your partner, or opened',
    load: () => import('./questions.js'),
  },
  {
    name: 'templates',
    term: 'templates',
    summary: 'list, show and scaffold templates',
    load: () => import('./templates.js'),
  },
  {
    name: 'drafts',
    term: 'drafts [options]',
    summary: 'list unfinished entries kept on this machine (resume them by running the template again)',
    load: () => import('./drafts.js'),
  },
  {
    name: 'status',
    term: 'status [options]',
    summary: "what is due, streaks, your partner's new entries, and whether there is anything to sync",
    look: true,
    lookSparedBy: '--prompt',
    load: () => import('./status.js'),
  },
  {
    name: 'stats',
    term: 'stats [options]',
    summary: 'trends: check-in ratings, gratitude per week, a calendar of rituals, warmth vs repair',
    look: true,
    load: () => import('./stats.js'),
  },
  {
    name: 'rituals',
    term: 'rituals [options]',
    summary: 'list the rituals you keep, and change how often',
    load: () => import('./rituals.js'),
  },
  {
    name: 'skip',
    term: 'skip [options] <ritual>',
    summary: 'mark this period of a ritual as skipped (a holiday, illness) so the streak holds',
    load: () => import('./skip.js'),
  },
  {
    name: 'sync',
    term: 'sync [options]',
    summary: "share your entries and bring in your partner's, through the remote",
    leftovers: true,
    load: () => import('./sync.js'),
  },
  {
    name: 'conflicts',
    term: 'conflicts [options]',
    summary: 'the files you both changed, side by side, and settling one (resolve ID --keep mine|theirs|both)',
    load: () => import('./conflicts.js'),
  },
  {
    name: 'remote',
    term: 'remote [options]',
    summary: 'show or set the private git remote the journal syncs with',
    load: () => import('./remote.js'),
  },
  {
    name: 'encrypt',
    term: 'encrypt',
    summary: 'end-to-end encryption of the shared journal: the remote only ever sees ciphertext',
    load: () => import('./encrypt.js'),
  },
  {
    name: 'whoami',
    term: 'whoami [options]',
    summary: 'show who you are in this journal (and where that comes from)',
    load: () => import('./whoami.js'),
  },
  {
    name: 'partners',
    term: 'partners [options]',
    summary: 'show the names of the two of you, and set or rename them (earlier names are kept as aliases)',
    load: () => import('./partners.js'),
  },
  {
    name: 'log',
    term: 'log [options]',
    summary: 'list entries, newest first, one line each',
    load: () => import('./log.js'),
  },
  {
    name: 'show',
    term: 'show [options] <id|last|date>',
    summary: 'show an entry for reading (by id or unique prefix, `last`, or a date)',
    load: () => import('./show.js'),
  },
  {
    name: 'week',
    term: 'week [options] [date]',
    summary: "both partners' week side by side: check-ins, gratitudes, dates, repairs and pulses",
    look: true,
    load: () => import('./week.js'),
  },
  {
    name: 'grep',
    term: 'grep [options] <pattern>',
    summary: "search the entries' text; exits 1 when nothing matches, like grep",
    load: () => import('./grep.js'),
  },
  {
    name: 'edit',
    term: 'edit [options] <id|last>',
    summary: 'correct an entry in $VISUAL/$EDITOR; the change is checked, then committed',
    load: () => import('./edit.js'),
  },
  {
    name: 'export',
    term: 'export [options]',
    summary: 'export entries, oldest first, as Markdown, a printable HTML page, or JSON',
    load: () => import('./export.js'),
  },
  {
    name: 'doctor',
    term: 'doctor [options]',
    summary: 'check the journal, git, sharing and encryption, and say what to do about each problem',
    load: () => import('./doctor.js'),
  },
  {
    name: 'remind',
    term: 'remind',
    summary: 'a reminder of what is due, run by your own scheduler (systemd timer or crontab)',
    load: () => import('./remind.js'),
  },
  {
    name: 'completion',
    term: 'completion <shell>',
    summary: 'print the shell completion script for bash, zsh or fish',
    withoutJournal: true,
    load: () => import('./completion.js'),
  },
  {
    name: 'complete',
    term: 'complete [words...]',
    summary: 'answer a completion request from the shell',
    hidden: true,
    withoutJournal: true,
    load: () => import('./complete.js'),
  },
  {
    name: 'filter',
    term: 'filter',
    summary: 'called by git while encryption is on',
    hidden: true,
    withoutJournal: true,
    load: () => import('./filter.js'),
  },
];
