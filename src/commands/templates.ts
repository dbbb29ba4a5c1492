import { Command } from 'commander';
import { UsageError, UserError } from '../errors.js';
import { commandContext, examples } from './context.js';

/** `intimacy templates`: list, show and scaffold templates (built-in and the journal's own). */
export function templatesCommand(): Command {
  return new Command('templates')
    .description('list, show and scaffold templates')
    .addCommand(listCommand(), { isDefault: true })
    .addCommand(showCommand())
    .addCommand(newTemplateCommand())
    .addHelpText(
      'after',
      examples([
        'intimacy templates',
        'intimacy templates show checkin',
        'intimacy templates show repair --json',
        'intimacy templates new our_budget',
        'intimacy templates new checkin   # your own copy of the check-in',
      ]),
    );
}

function listCommand(): Command {
  return new Command('list')
    .description('list every template: name, where it comes from, what it is for')
    .option('--json', 'print [{name, source, title, description, file}] as JSON')
    .addHelpText('after', examples(['intimacy templates list', 'intimacy templates list --json']))
    .action(async (options: { json?: boolean }, command: Command) => {
      const ctx = await commandContext(command);
      const [{ loadTemplates }, { describeProblem }, ui] = await Promise.all([
        import('../templates/load.js'),
        import('../templates/schema.js'),
        import('../ui/output.js'),
      ]);
      const set = await loadTemplates(ctx.dir);
      for (const problems of set.broken.values())
        for (const problem of problems) ui.warn(`broken template, skipped: ${describeProblem(problem)}`);
      const rows = [...set.templates.values()].sort((a, b) => a.template.name.localeCompare(b.template.name));
      if (options.json) {
        ui.printJson(
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
      const width = Math.max(...rows.map((r) => r.template.name.length));
      const sourceOf = (row: (typeof rows)[number]) =>
        row.source === 'journal' ? (row.overrides ? 'journal (replaces built-in)' : 'journal') : 'built-in';
      const sourceWidth = Math.max(...rows.map((r) => sourceOf(r).length));
      for (const row of rows) {
        ui.print(
          `${ui.out().bold(row.template.name.padEnd(width))}  ${sourceOf(row).padEnd(sourceWidth)}  ${row.template.description}`,
        );
      }
    });
}

function showCommand(): Command {
  return new Command('show')
    .description("show a template's questions (with --json: everything a script needs to write an answers file)")
    .argument('<name>', 'the template')
    .option('--json', 'print the template and every question (id, type, required, choices, range) as JSON')
    .addHelpText('after', examples(['intimacy templates show checkin', 'intimacy templates show date --json']))
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const ctx = await commandContext(command);
      const [{ findTemplate }, ui] = await Promise.all([import('./run-template.js'), import('../ui/output.js')]);
      const { template, source, file } = await findTemplate(ctx.dir, name);
      if (options.json) {
        ui.printJson({ ...template, source, file });
        return;
      }
      ui.print(`${ui.out().bold(template.title)} (${template.name}, ${source}: ${file})`);
      ui.print(template.description);
      if (template.intro) ui.print('\n' + template.intro.trimEnd());
      ui.print('');
      for (const q of template.questions) {
        const details: string[] = [q.type + (q.required ? ', required' : '')];
        if (q.min !== undefined || q.max !== undefined) details.push(`${q.min ?? ''}–${q.max ?? ''}`);
        if (q.choices && q.type !== 'feelings') details.push(`one of: ${q.choices.join(' | ')}`);
        if (q.when) details.push(`only when ${q.when.question} ${describeCondition(q.when)}`);
        if (q.commitment) details.push('becomes a commitment');
        ui.print(`  ${ui.out().bold(q.id)}  ${q.message}`);
        ui.print(ui.out().dim(`      ${details.join('; ')}`));
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

function newTemplateCommand(): Command {
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
    .action(async (name: string, options: { from?: string }, command: Command) => {
      const ctx = await commandContext(command);
      const [{ NAME_PATTERN }, { builtinTemplateText }, { TEMPLATES_DIR }] = await Promise.all([
        import('../templates/schema.js'),
        import('../templates/load.js'),
        import('../store/layout.js'),
      ]);
      if (!NAME_PATTERN.test(name))
        throw new UsageError(
          `"${name}" is not a template name.`,
          'Use lower-case letters, digits and _, starting with a letter, e.g. our_budget.',
        );
      const from = options.from ?? name;
      let text = await builtinTemplateText(from);
      if (options.from !== undefined && text === undefined) {
        throw new UsageError(
          `There is no built-in template called "${options.from}".`,
          'intimacy templates lists them.',
        );
      }
      const { renamedTemplateText } = await import('../templates/answers-file.js');
      if (text === undefined) text = skeleton(name);
      else if (from !== name) text = renamedTemplateText(text, name);
      const [{ openOrCreateJournal }, { commitJournalFiles }, { ensureJournalDir, exists, writeFileAtomic }, path, ui] =
        await Promise.all([
          import('../journal/journal.js'),
          import('../store/commit.js'),
          import('../store/files.js'),
          import('node:path'),
          import('../ui/output.js'),
        ]);
      const { journal } = await openOrCreateJournal(ctx);
      const relPath = `${TEMPLATES_DIR}/${name}.yaml`;
      const absPath = path.join(await ensureJournalDir(journal.dir, TEMPLATES_DIR), `${name}.yaml`);
      if (await exists(absPath))
        throw new UserError(`${relPath} already exists in the journal.`, `Edit it directly: ${absPath}`);
      await writeFileAtomic(absPath, text);
      await commitJournalFiles(journal, [relPath], `${journal.me.name} added the ${name} template`);
      const { commandToRun } = await import('./rerun.js');
      ui.info(`Edit it, then write an entry with: ${commandToRun(name)}`);
      ui.print(absPath);
    });
}

function skeleton(name: string): string {
  return `# Your own template. Question types: text, long, number, rating, choice, multi, yesno, feelings.
# Each question: id, type, message; optional: hint, heading, required, default, choices,
# min/max (number, rating), when: { question: ID, equals: VALUE } (ask only when an earlier answer matches).
name: ${name}
title: ${name.replace(/_/g, ' ')}
description: What this entry is for, in one line.
questions:
  - id: how_was_it
    type: rating
    message: How was it?
    min: 1
    max: 5
  - id: notes
    type: long
    message: What would you like to remember?
    heading: Notes
    required: true
`;
}
