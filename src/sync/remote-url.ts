/**
 * Checks a remote URL before git ever sees it. git treats a leading `-` as an option
 * (`--upload-pack=…` runs a program) and `ext::`/`fd::` URLs run commands or use file
 * descriptors; a journal remote is never any of those. Pure; returns the problem or undefined.
 */
export function remoteUrlProblem(url: string): string | undefined {
  const trimmed = url.trim();
  if (trimmed === '') return 'The remote URL is empty';
  if (trimmed.startsWith('-')) return `"${trimmed}" looks like an option, not a remote URL`;
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return 'The remote URL contains control characters';
  const transport = /^([A-Za-z][A-Za-z0-9+.-]*)::/.exec(trimmed)?.[1]?.toLowerCase();
  if (transport === 'ext' || transport === 'fd') return `"${transport}::" remote URLs run commands and are not allowed`;
  return undefined;
}

/** ssh://user@host:22/path, user@host:path or host:path → the host, for error messages. */
export function remoteHost(url: string): string | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)/i.exec(url);
  if (withScheme) return url.toLowerCase().startsWith('file://') ? undefined : withScheme[1];
  const scpLike = /^(?:[^@/:]+@)?([^:/]+):/.exec(url);
  return scpLike?.[1];
}
