/** Bundles src/ into dist/ (see build.mjs). */
export function buildCli(): Promise<void>;
