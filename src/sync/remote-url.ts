import path from 'node:path';

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

/**
 * A remote given as a folder relative to where the command runs (`../journal.git`), made
 * absolute: git reads a relative one from the folder it runs in, the journal's, so sync would
 * look elsewhere than the user meant. URLs (`scheme://…`) and git's `host:path` form stay as
 * typed; so does a path that is already absolute.
 */
export function remoteFrom(cwd: string, url: string): string {
  const trimmed = url.trim();
  if (trimmed === '' || path.isAbsolute(trimmed) || trimmed.startsWith('-')) return trimmed;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(trimmed) || /^[A-Za-z][A-Za-z0-9+.-]*::/.test(trimmed)) return trimmed;
  // git's own rule: a colon before the first slash makes it host:path (ssh), not a folder.
  const colon = trimmed.indexOf(':');
  const slash = trimmed.indexOf('/');
  if (colon >= 0 && (slash < 0 || colon < slash)) return trimmed;
  return path.resolve(cwd, trimmed);
}
