/**
 * The one rule for "may I ask?": prompting is not turned off (--no-input), and both the keyboard
 * (stdin) and the screen the question is written to are a terminal. A script, a pipe or a
 * redirected output never waits for an answer. The screen is asked first: node makes
 * process.stdin, a stream, when it is first looked at, and off a terminal it is never needed
 * (a caller hands stdin as a getter, commands/context.ts).
 */
export function mayPrompt(
  inputFlag: boolean | undefined,
  stdin: { isTTY?: boolean },
  screen: { isTTY?: boolean },
): boolean {
  return inputFlag !== false && Boolean(screen.isTTY) && Boolean(stdin.isTTY);
}
