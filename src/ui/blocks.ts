/**
 * Text made in pieces, given back in blocks of about 64 KiB: what a whole journal's listing or
 * export writes, one write per block rather than per piece, and never the whole text at once.
 */
export function* inBlocks(pieces: Iterable<string>, size = 64 * 1024): Generator<string> {
  let block = '';
  for (const piece of pieces) {
    block += piece;
    if (block.length >= size) {
      yield block;
      block = '';
    }
  }
  if (block !== '') yield block;
}
