import { InputTooBig } from '../errors.js';

/**
 * Reads all of standard input as UTF-8; a closed or missing stdin reads as empty. With a
 * limit, reading stops as soon as it is passed (`cat /dev/zero |` costs nothing) and the
 * input is refused as `what` ("The text on stdin").
 */
export async function readStdin(
  stream: NodeJS.ReadableStream,
  limit?: { maxBytes: number; what: string },
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += bytes.length;
      if (limit && size > limit.maxBytes) throw new InputTooBig(limit.what, limit.maxBytes);
      chunks.push(bytes);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EBADF' || (error as NodeJS.ErrnoException).code === 'EINVAL')
      return '';
    throw error;
  }
  return Buffer.concat(chunks).toString('utf8');
}
