import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git, gitProcessesIn, runCli, tempDir } from '../helpers/cli.js';
import { note, ok, partner, syncedPair } from './partners.js';

/*
 * Every transport a remote URL can name (ssh, http, https, git://) gives up on a server that
 * says nothing within the same short limit: one that takes the connection and never answers,
 * and one that never even takes it (its queue of connections is full, so the connection is
 * never made).
 */

afterAll(cleanupTemp);

const LIMIT_SECONDS = 2;

/** Takes every connection and says nothing. */
async function silentServer(): Promise<{ port: number; close: () => void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

/**
 * Never takes a connection: a listener whose process is stuck (its event loop blocked, so
 * nothing is accepted), with its queue filled by connections of ours, so that the kernel
 * leaves every new one unanswered.
 */
async function unacceptingServer(): Promise<{ port: number; close: () => void }> {
  const script = `
    const server = require('node:net').createServer();
    server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
      process.stdout.write(server.address().port + '\\n', () => {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      });
    });`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (data: Buffer) => resolve(Number(data.toString().trim())));
    child.once('exit', () => reject(new Error('the listener ended')));
  });
  const fillers: net.Socket[] = [];
  // The queue holds backlog + 1 connections; a few more make sure it is full.
  for (let i = 0; i < 4; i++) {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    fillers.push(socket);
  }
  await new Promise((resolve) => setTimeout(resolve, 200)); // the handshakes of the fillers
  return {
    port,
    close: () => {
      for (const socket of fillers) socket.destroy();
      child.kill('SIGKILL');
    },
  };
}

const URLS: Array<[string, (port: number) => string]> = [
  ['ssh', (port) => `ssh://alex@127.0.0.1:${port}/journal.git`],
  ['http', (port) => `http://127.0.0.1:${port}/journal.git`],
  ['https', (port) => `https://127.0.0.1:${port}/journal.git`],
  ['git', (port) => `git://127.0.0.1:${port}/journal.git`],
];

describe('a remote that never answers', { timeout: 120_000 }, () => {
  for (const [kind, makeServer] of [
    ['takes the connection and says nothing', silentServer],
    ['never takes the connection', unacceptingServer],
  ] as const) {
    it(`sync and clone give up within the limit on every transport, when the server ${kind}`, async () => {
      const server = await makeServer();
      try {
        const { alex } = await syncedPair({ INTIMACY_NETWORK_TIMEOUT: String(LIMIT_SECONDS) });
        const saved = await note(alex, 'written while the server is silent');
        for (const [transport, url] of URLS) {
          await ok(alex.run(['remote', 'set', url(server.port)]));
          const started = performance.now();
          const result = await alex.run(['sync']);
          const seconds = (performance.now() - started) / 1000;
          expect(result.code, `${transport}: ${result.stderr}`).toBe(1);
          expect(result.stderr, transport).toMatch(
            new RegExp(`The server 127\\.0\\.0\\.1 did not answer within ${LIMIT_SECONDS} seconds`),
          );
          expect(result.stderr.trim().split('\n'), transport).toHaveLength(1);
          expect(seconds, transport).toBeLessThan(LIMIT_SECONDS + 4);
          // Nothing git started for it is left waiting on the server.
          expect(gitProcessesIn(alex.dir), transport).toEqual([]);
          // The entry stays committed here, whatever the remote did.
          expect(git(alex.dir, ['ls-tree', '-r', '--name-only', 'HEAD'])).toContain(saved);

          const jordan = partner('Jordan', tempDir('intimacy-clone-'), {
            INTIMACY_NETWORK_TIMEOUT: String(LIMIT_SECONDS),
          });
          const cloneStarted = performance.now();
          const clone = await runCli(['clone', url(server.port), jordan.dir, '--me', 'Jordan'], { env: jordan.env });
          expect(clone.code, `${transport} clone: ${clone.stderr}`).toBe(1);
          expect(clone.stderr, transport).toMatch(/did not answer within/);
          expect((performance.now() - cloneStarted) / 1000, transport).toBeLessThan(LIMIT_SECONDS + 4);
          expect(existsSync(jordan.dir), transport).toBe(false);
        }
      } finally {
        server.close();
      }
    });
  }
});

/**
 * Answers the first question (which branches there are, from a real repository) and then
 * nothing: the fetch that follows waits on a server that has gone silent.
 */
async function stallingServer(repo: string): Promise<{ port: number; fetches: () => number; close: () => void }> {
  let fetches = 0;
  const line = (text: string) => (text.length + 4).toString(16).padStart(4, '0') + text;
  const server = http.createServer((request, response) => {
    if (request.method === 'GET' && request.url?.includes('/info/refs')) {
      const refs = execFileSync('git', ['upload-pack', '--stateless-rpc', '--advertise-refs', repo]);
      response.writeHead(200, { 'Content-Type': 'application/x-git-upload-pack-advertisement' });
      response.end(Buffer.concat([Buffer.from(`${line('# service=git-upload-pack\n')}0000`), refs]));
    }
    // anything else (the fetch itself): never answered
    else fetches++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    fetches: () => fetches,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

describe('a remote that answers, then goes silent', { timeout: 120_000 }, () => {
  it('the whole sync stays within its limits, and the entries stay committed', async () => {
    const { remote, alex, jordan } = await syncedPair({ INTIMACY_NETWORK_TIMEOUT: String(LIMIT_SECONDS) });
    await note(jordan, 'something to fetch');
    await ok(jordan.run(['sync']));
    const saved = await note(alex, 'written before the sync');
    const server = await stallingServer(remote);
    try {
      await ok(alex.run(['remote', 'set', `http://127.0.0.1:${server.port}/journal.git`]));
      const started = performance.now();
      const result = await alex.run(['sync']);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/The server 127\.0\.0\.1 (did not answer within|stopped answering)/);
      expect((performance.now() - started) / 1000).toBeLessThan(2 * LIMIT_SECONDS + 4);
      expect(server.fetches(), 'the fetch reached the server').toBeGreaterThan(0);
      expect(gitProcessesIn(alex.dir)).toEqual([]);
      expect(git(alex.dir, ['ls-tree', '-r', '--name-only', 'HEAD'])).toContain(saved);
      expect(git(alex.dir, ['status', '--porcelain'])).toBe('');
    } finally {
      server.close();
    }
  });
});
