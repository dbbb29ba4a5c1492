/**
 * A 32-bit FNV-1a hash of a text, to name a file after it (node:crypto would cost start-up).
 * Only a name: whoever reads the file checks what it holds.
 */
export function shortHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}
