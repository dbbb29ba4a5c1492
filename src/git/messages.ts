/** git's own first meaningful line ("fatal: …" or "error: …" first), without its prefix, for a one-line message. Pure. */
export function firstGitLine(text: string, fallback = 'git failed'): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return (lines.find((line) => /^(fatal|error):/.test(line)) ?? lines[0] ?? fallback).replace(/^(fatal|error):\s*/, '');
}
