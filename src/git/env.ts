/*
 * The environment every git process gets: the user's own (their ssh keys, proxies, editor),
 * with prompts for passwords turned off and no optional locks taken (a read never blocks a
 * write), plus a commit's author when there is one.
 */

export interface CommitAuthor {
  name: string;
  email: string;
}

export function gitEnv(base: NodeJS.ProcessEnv, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  return { ...env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', ...extra };
}

/** The variables that make a commit (or merge) carry this author and committer. */
export function authorEnv(author: CommitAuthor): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
  };
}
