import { createRequire } from 'node:module';

/*
 * node:crypto, loaded when first used. Loading it costs about 5 ms (as much as a tenth of a
 * bare `node -e ''`), which a command paid at start-up when a module it loads (the encryption,
 * the sealed answers) imported it at the top, though most runs never encrypt or seal anything.
 * A require, not an import(): the launcher runs the bundles as scripts, whose import() has no
 * loader.
 */
type NodeCrypto = typeof import('node:crypto');

const load = createRequire(import.meta.url);
let loaded: NodeCrypto | undefined;

export function nodeCrypto(): NodeCrypto {
  loaded ??= load('node:crypto') as NodeCrypto;
  return loaded;
}
