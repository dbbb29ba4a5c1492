/** Reads all of standard input as UTF-8; a closed or missing stdin reads as empty. */
export async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EBADF' || (error as NodeJS.ErrnoException).code === 'EINVAL')
      return '';
    throw error;
  }
  return Buffer.concat(chunks).toString('utf8');
}
