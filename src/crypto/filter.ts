import { DecryptError, FilterRefusal } from '../errors.js';
import { type DerivedKeys, decrypt, encrypt, isEncrypted, startsWithMagic } from './cipher.js';
import { encodeContent, encodePacket, FLUSH_PACKET, PacketReader } from './pkt-line.js';

/*
 * The git clean/smudge filter that keeps entries encrypted in git's objects (so in every push)
 * and plain in the working tree.
 *   clean  (working tree → git): encrypt; refuse plaintext when this clone has no key.
 *   smudge (git → working tree): decrypt; what this clone cannot decrypt stays encrypted.
 */

export function cleanContent(content: Buffer, keys: DerivedKeys | undefined, pathname: string): Buffer {
  if (keys) return encrypt(content, keys);
  if (startsWithMagic(content) || content.length === 0) return content;
  // Committing this would put plain text where the journal promises ciphertext.
  throw new FilterRefusal(
    `${pathname}: this clone has no journal key, so it cannot encrypt; run intimacy encrypt import-key first`,
  );
}

/**
 * A version this clone cannot decrypt (no key, another key's, damaged) is written out as the
 * ciphertext it is, never as garbage, and intimacy names it and why. With the key, `warn` says
 * so at once. Refusing it would stop the whole `git log -p` (git smudges each version before
 * its textconv) or leave a checkout without the file.
 */
export function smudgeContent(
  content: Buffer,
  keys: DerivedKeys | undefined,
  pathname: string,
  warn: (line: string) => void,
): Buffer {
  if (!isEncrypted(content)) return content; // written before encryption was turned on
  if (!keys) return content;
  try {
    return decrypt(content, keys);
  } catch (error) {
    if (!(error instanceof DecryptError)) throw error;
    warn(`intimacy: ${pathname}: ${error.message}; left as it is, encrypted`);
    return content;
  }
}

/**
 * What `git diff` and `git log -p` show of one version of an encrypted file (its textconv): the
 * plain text, or a line saying why not. A damaged version in the history must not stop the
 * whole log, as an error from here would.
 */
export function textOf(content: Buffer, keys: DerivedKeys | undefined): Buffer | string {
  if (!startsWithMagic(content)) return content;
  if (!keys) return '[encrypted: this clone has no key]\n';
  try {
    return decrypt(content, keys);
  } catch (error) {
    if (!(error instanceof DecryptError)) throw error;
    if (error.reason === 'wrong-key') return "[encrypted with a different key than this clone's]\n";
    if (error.reason === 'version') return '[encrypted by a newer intimacy than this one]\n';
    return '[encrypted, and damaged: this version cannot be decrypted]\n';
  }
}

type Write = (data: Buffer) => Promise<void>;

/** Where the filter answers git: its stdout, a stream or the process's own writer. */
type Output = { write(data: Uint8Array, callback: (error?: Error | null) => void): boolean };

function writer(output: Output): Write {
  return (data) =>
    new Promise((resolve, reject) => {
      output.write(data, (error) => (error ? reject(error) : resolve()));
    });
}

/** git's long-running filter protocol (filter.<driver>.process): one process for a whole checkout. */
export async function runFilterProcess(
  keys: DerivedKeys | undefined,
  input: NodeJS.ReadableStream,
  output: Output,
  log: (line: string) => void,
): Promise<void> {
  const reader = new PacketReader(input);
  const write = writer(output);
  const welcome = await reader.lines();
  if (welcome?.[0] !== 'git-filter-client' || !welcome?.includes('version=2'))
    throw new Error('unexpected filter handshake from git');
  await write(Buffer.concat([encodePacket('git-filter-server\n'), encodePacket('version=2\n'), FLUSH_PACKET]));
  const offered = (await reader.lines()) ?? [];
  const wanted = ['capability=clean', 'capability=smudge'].filter((c) => offered.includes(c));
  await write(Buffer.concat([...wanted.map((c) => encodePacket(c + '\n')), FLUSH_PACKET]));
  for (;;) {
    const headers = await reader.lines();
    if (headers === undefined) return;
    const fields = new Map(
      headers.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    const content = await reader.content();
    const command = fields.get('command');
    const pathname = fields.get('pathname') ?? '(unknown)';
    let result: Buffer;
    try {
      if (command === 'clean') result = cleanContent(content, keys, pathname);
      else if (command === 'smudge') result = smudgeContent(content, keys, pathname, log);
      else throw new FilterRefusal(`unknown filter command ${command}`);
    } catch (error) {
      log(`intimacy: ${error instanceof Error ? error.message : String(error)}`);
      await write(Buffer.concat([encodePacket('status=error\n'), FLUSH_PACKET]));
      continue;
    }
    await write(
      Buffer.concat([
        encodePacket('status=success\n'),
        FLUSH_PACKET,
        ...encodeContent(result),
        FLUSH_PACKET,
        FLUSH_PACKET,
      ]),
    );
  }
}
