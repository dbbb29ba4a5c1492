import { screen } from './screen.js';

/** A network step taking longer than this shows that it is waiting. */
const AFTER_MS = 1000;

/**
 * Runs `work`, and if it takes over a second, says so on stderr ("Syncing with origin…") —
 * only at a terminal, where the line is cleared again when the work is done, so that the
 * result stands alone. Piped or redirected output never sees it.
 */
export async function whileWaiting<T>(text: string, work: Promise<T>): Promise<T> {
  const stderr = screen().stderr;
  if (!stderr.isTTY) return work;
  let shown = false;
  const timer = setTimeout(() => {
    shown = true;
    stderr.write(text);
  }, AFTER_MS);
  try {
    return await work;
  } finally {
    clearTimeout(timer);
    if (shown) stderr.write('\r\x1b[2K');
  }
}
