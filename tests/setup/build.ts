import { buildCli } from '../../scripts/build.mjs';

/** Builds dist/ once before any test, so `npx vitest` never runs the CLI tests against a stale build. */
export default async function setup(): Promise<void> {
  await buildCli();
}
