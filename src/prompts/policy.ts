/**
 * The one rule for "may I ask?": prompting is not turned off (--no-input), and both the keyboard
 * (stdin) and the screen the question is written to are a terminal. A script, a pipe or a
 * redirected output never waits for an answer.
 */
export function mayPrompt(
  inputFlag: boolean | undefined,
  stdin: { isTTY?: boolean },
  screen: { isTTY?: boolean },
): boolean {
  return inputFlag !== false && Boolean(stdin.isTTY) && Boolean(screen.isTTY);
}
