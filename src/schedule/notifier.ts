import { existsSync } from 'node:fs';
import { runProgram } from './run.js';

/**
 * The desktop's notifier (notify-send, from libnotify), when there is one. From cron the
 * session's message bus is not in the environment; it is found where systemd puts it.
 */
export async function notify(title: string, body: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const withBus = { ...env };
  const uid = process.getuid?.();
  const bus = uid === undefined ? undefined : `/run/user/${uid}/bus`;
  if (!withBus.DBUS_SESSION_BUS_ADDRESS && bus && existsSync(bus))
    withBus.DBUS_SESSION_BUS_ADDRESS = `unix:path=${bus}`;
  const answer = await runProgram('notify-send', ['--app-name=intimacy', title, body], {
    env: withBus,
    timeoutMs: 10_000,
  });
  return answer?.code === 0;
}
