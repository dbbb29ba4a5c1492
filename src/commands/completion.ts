import { Argument, Command } from 'commander';
import { completionScript, SHELLS, type Shell } from '../app/completion.js';
import { examples, type Launch } from './context.js';

/** `intimacy completion bash|zsh|fish`: the completion script for a shell's start-up file. */
export function command(launch: Launch): Command {
  return new Command('completion')
    .addArgument(new Argument('<shell>', 'the shell to complete in').choices(SHELLS))
    .addHelpText(
      'after',
      examples([
        "echo 'source <(intimacy completion bash)' >> ~/.bashrc     # needs the bash-completion package",
        "echo 'source <(intimacy completion zsh)' >> ~/.zshrc        # after compinit",
        'intimacy completion fish > ~/.config/fish/completions/intimacy.fish',
      ]) +
        '\nTab then completes commands, options, template, ritual and partner names, and entry ids,\n' +
        'read from your journal when you press it (nothing leaves the computer).\n',
    )
    .action((shell: Shell) => {
      launch.stdout.write(completionScript(shell));
    });
}
