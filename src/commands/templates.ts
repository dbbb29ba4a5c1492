import { Command } from 'commander';
import { newTemplate } from '../app/new-template.js';
import { findTemplate } from '../app/run-template.js';
import { largest } from '../many.js';
import { loadTemplates } from '../templates/load.js';
import { describeProblem } from '../templates/schema.js';
import { padVisible, visibleWidth } from '../ui/layout.js';
import { info, inline, out, print, printJson, warn } from '../ui/output.js';
import { commandToRun } from '../ui/rerun.js';
import { warnNotCommitted } from '../ui/saved.js';
import { commandContext, examples, type Launch, refuseUnknownSubcommand } from './context.js';

/** `intimacy templates`: list, show and scaffold templates (built-in and the journal's own). */
export function command(launch: Launch): Command {
  return (
    new Command('templates')
      // `templates shwo checkin` is a typo, not the listing with two words too many.
      .hook('preSubcommand', (group) => refuseUnknownSubcommand(group))
      .addCommand(listCommand(launch), { isDefault: true })
      .addCommand(showCommand(launch))
      .addCommand(newTemplateCommand(launch))
      .addHelpText(
        'after',
        examples([
          'intimacy templates',
          'intimacy templates show checkin',
          'intimacy templates show repair --json',
          'intimacy templates new our_budget',
          'intimacy templates new checkin   # your own copy of the check-in',
        ]),
      )
  );
}

function listCommand(launch: Launch): Command {
  return new Command('list')
    .description('list every template: name, where it comes from, what it is for')
    .option('--json', 'print [{name, source, title, description, file}] as JSON')
    .addHelpText('after', examples(['intimacy templates list', 'intimacy templates list --json']))
    .action(async (options: { json?: boolean }, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      const set = await loadTemplates(ctx.dir);
      for (const problems of set.broken.values())
        for (const problem of problems) warn(`broken template, skipped: ${inline(describeProblem(problem))}`);
      const rows = [...set.templates.values()].sort((a, b) => a.template.name.localeCompare(b.template.name));
      if (options.json) {
        printJson(
          rows.map(({ template, source, file, overrides }) => ({
            name: template.name,
            source,
            overrides,
            title: template.title,
            description: template.description,
            file,
          })),
        );
        return;
      }
      const width = largest(rows.map((r) => visibleWidth(r.template.name)));
      const sourceOf = (row: (typeof rows)[number]) =>
        row.source === 'journal' ? (row.overrides ? 'journal (replaces built-in)' : 'journal') : 'built-in';
      const sourceWidth = largest(rows.map((r) => sourceOf(r).length));
      for (const row of rows) {
        print(
          `${out().bold(padVisible(row.template.name, width))}  ${sourceOf(row).padEnd(sourceWidth)}  ${inline(row.template.description.replace(/\s*\n\s*/g, ' '))}`,
        );
      }
    });
}

function showCommand(launch: Launch): Command {
  return new Command('show')
    .description("show a template's questions (with --json: everything a script needs to write an answers file)")
    .argument('<name>', 'the template')
    .option('--json', 'print the template and every question (id, type, required, choices, range) as JSON')
    .addHelpText('after', examples(['intimacy templates show checkin', 'intimacy templates show date --json']))
    .action(async (name: string, options: { json?: boolean }, cmd: Command) => {
      const ctx = await commandContext(cmd, launch);
      const { template, source, file } = await findTemplate(ctx.dir, name);
      if (options.json) {
        printJson({ ...template, source, file });
        return;
      }
      print(`${out().bold(template.title)} (${template.name}, ${source}: ${file})`);
      print(template.description);
      if (template.intro) print('\n' + template.intro.trimEnd());
      print('');
      for (const q of template.questions) {
        const details: string[] = [q.type + (q.required ? ', required' : '')];
        if (q.min !== undefined || q.max !== undefined) details.push(`${q.min ?? ''}–${q.max ?? ''}`);
        if (q.choices && q.type !== 'feelings') details.push(`one of: ${q.choices.join(' | ')}`);
        if (q.when) details.push(`only when ${q.when.question} ${describeCondition(q.when)}`);
        if (q.commitment) details.push('becomes a commitment');
        print(`  ${out().bold(q.id)}  ${q.message}`);
        print(out().dim(`      ${details.join('; ')}`));
      }
    });
}

function describeCondition(when: { equals?: unknown; in?: unknown[]; min?: number; max?: number }): string {
  const parts: string[] = [];
  if (when.equals !== undefined)
    parts.push(`is ${when.equals === true ? 'yes' : when.equals === false ? 'no' : String(when.equals)}`);
  if (when.in) parts.push(`is one of ${when.in.join(', ')}`);
  if (when.min !== undefined) parts.push(`≥ ${when.min}`);
  if (when.max !== undefined) parts.push(`≤ ${when.max}`);
  return parts.join(' and ');
}

function newTemplateCommand(launch: Launch): Command {
  return new Command('new')
    .description("create the journal's own template to edit (committed, so your partner gets it too)")
    .argument('<name>', 'its name: lower-case letters, digits and _')
    .option(
      '--from <builtin>',
      'start from a copy of this built-in template (default: NAME when it is a built-in, else a short example)',
    )
    .addHelpText(
      'after',
      examples([
        'intimacy templates new our_budget',
        'intimacy templates new checkin            # your own version of the check-in',
        'intimacy templates new morning --from reflection',
      ]),
    )
    .action(async (name: string, options: { from?: string }, cmd: Command) => {
      const made = await newTemplate(await commandContext(cmd, launch), name, options.from);
      info(`Edit it, then write an entry with: ${commandToRun(name)}`);
      print(made.file);
      if (made.commitProblem) warnNotCommitted(made.commitProblem, 'the template');
    });
}
