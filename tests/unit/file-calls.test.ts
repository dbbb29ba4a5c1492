import { mkdtempSync, promises, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileCalls } from '../../src/file-calls.js';

/*
 * The file calls are made at once but answer as node's promised calls do: callers chain
 * `.catch()` on them (a missing HEAD reads as '', a lock released meanwhile is no error), so a
 * failure must arrive as a rejected promise, never as an exception thrown at the call.
 */

const dir = mkdtempSync(path.join(os.tmpdir(), 'intimacy-file-calls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('file calls made at once', () => {
  it('hand a failure back as a rejected promise with node’s error code', async () => {
    const missing = path.join(dir, 'missing');
    let thrown: unknown;
    let call: Promise<unknown> | undefined;
    try {
      call = fileCalls.lstat(missing);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeUndefined();
    await expect(call).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await fileCalls.readFile(missing, 'utf8').catch(() => 'none')).toBe('none');
    await expect(fileCalls.open(path.join(dir, 'no', 'such', 'file'), 'r')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('answer as node’s promised calls do', async () => {
    const file = path.join(dir, 'note.md');
    writeFileSync(file, 'hello');
    const ours = await fileCalls.lstat(file);
    const node = await promises.lstat(file);
    expect([ours.isFile(), ours.size, ours.ino]).toEqual([node.isFile(), node.size, node.ino]);
    expect(await fileCalls.readFile(file, 'utf8')).toBe('hello');
    expect(await fileCalls.readdir(dir)).toEqual(await promises.readdir(dir));
    expect(await fileCalls.readdirInPool(dir)).toEqual(await promises.readdir(dir));
    // A descriptor, as the callers expect (not a file handle), written from where it stands.
    const fd = await fileCalls.open(path.join(dir, 'pieces.md'), 'wx');
    expect(typeof fd).toBe('number');
    for (const piece of ['a', 'b', 'c']) await fileCalls.writeFile(fd, piece);
    await fileCalls.fsync(fd);
    await fileCalls.close(fd);
    expect(await fileCalls.readFile(path.join(dir, 'pieces.md'), 'utf8')).toBe('abc');
    await fileCalls.rm(path.join(dir, 'pieces.md'));
    await expect(fileCalls.rm(path.join(dir, 'pieces.md'))).rejects.toMatchObject({ code: 'ENOENT' });
    await fileCalls.rm(path.join(dir, 'pieces.md'), { force: true });
  });
});
