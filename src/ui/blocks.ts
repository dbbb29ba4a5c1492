/*
 * Text made in pieces, written in blocks of about 64 KiB: what a whole journal's listing or
 * export writes, one write per block rather than per piece (as a C program's standard output
 * is buffered off a terminal), and never the whole text at once.
 */
const BLOCK_SIZE = 64 * 1024;

/** Pieces given to `add` reach `write` a block at a time; `flush` writes what is left. */
export function blockWriter(write: (block: string) => void): { add(piece: string): void; flush(): void } {
  let block = '';
  return {
    add(piece) {
      block += piece;
      if (block.length >= BLOCK_SIZE) {
        write(block);
        block = '';
      }
    },
    flush() {
      if (block !== '') write(block);
      block = '';
    },
  };
}

/** The same, for text made by a generator: its pieces given back as blocks. */
export function* inBlocks(pieces: Iterable<string>): Generator<string> {
  const ready: string[] = [];
  const blocks = blockWriter((block) => ready.push(block));
  for (const piece of pieces) {
    blocks.add(piece);
    yield* ready.splice(0);
  }
  blocks.flush();
  yield* ready.splice(0);
}
