import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { tempDir } from './cli.js';

/**
 * A throwaway OpenSSH server on 127.0.0.1 for the ssh remote tests: its own host key, one
 * authorised user key, everything in a temp folder, running as the current user.
 */
export interface SshServer {
  port: number;
  user: string;
  dir: string;
  /** the authorised private key */
  key: string;
  /** a key the server does not know */
  wrongKey: string;
  knownHosts: string;
  /** GIT_SSH_COMMAND for a key: trusts this server's host key on first use, nothing global */
  sshCommand: (key: string) => string;
  url: (repoPath: string) => string;
  stop: () => Promise<void>;
}

export function findSshd(): string | undefined {
  for (const candidate of ['/usr/sbin/sshd', '/usr/local/sbin/sshd', '/sbin/sshd'])
    if (existsSync(candidate)) return candidate;
  const which = spawnSync('sh', ['-c', 'command -v sshd'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found !== '' ? found : undefined;
}

/** In CI the ssh tests must run; locally they are skipped when there is no sshd. */
export const inCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
export const sshTestsRun = findSshd() !== undefined || inCi;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function keygen(file: string): void {
  const result = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'intimacy-test', '-f', file], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`ssh-keygen failed: ${result.stderr}`);
}

async function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('SSH-'));
    });
    socket.once('error', () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export async function startSshd(): Promise<SshServer> {
  const sshd = findSshd();
  if (!sshd)
    throw new Error(
      'CI is set but OpenSSH sshd is not installed: the ssh remote tests cannot run (install openssh-server).',
    );
  // sshd insists on its privilege separation folder even when it runs unprivileged.
  if (!existsSync('/run/sshd') && process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  const dir = tempDir('intimacy-sshd-');
  const hostKey = path.join(dir, 'host_key');
  const key = path.join(dir, 'user_key');
  const wrongKey = path.join(dir, 'wrong_key');
  for (const file of [hostKey, key, wrongKey]) keygen(file);
  writeFileSync(path.join(dir, 'authorized_keys'), readFileSync(`${key}.pub`));
  const knownHosts = path.join(dir, 'known_hosts');
  const port = await freePort();
  const config = path.join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'UsePAM no',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'LogLevel ERROR',
      // Faster than the default post-quantum exchange on a busy CI machine; the test is about git, not crypto.
      'KexAlgorithms curve25519-sha256',
      'UseDNS no',
      'PrintMotd no',
      'PrintLastLog no',
      '',
    ].join('\n'),
  );

  const child: ChildProcess = spawn(sshd, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  const deadline = Date.now() + 10_000;
  while (!(await acceptsConnections(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`sshd did not start on port ${port}: ${log.trim() || `exit ${child.exitCode}`}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const user = os.userInfo().username;
  return {
    port,
    user,
    dir,
    key,
    wrongKey,
    knownHosts,
    sshCommand: (identity) =>
      `ssh -i ${identity} -o IdentitiesOnly=yes -o UserKnownHostsFile=${knownHosts} -o StrictHostKeyChecking=accept-new -o LogLevel=ERROR`,
    url: (repoPath) => `ssh://${user}@127.0.0.1:${port}${repoPath}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
