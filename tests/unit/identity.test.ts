import { describe, expect, it } from 'vitest';
import { resolveIdentity, validatePersonName } from '../../src/journal/identity.js';

describe('who "I" am', () => {
  const all = { flag: 'Flag', env: 'Env', clone: 'Clone', gitUserName: 'Git', loginName: 'login' };

  it('takes --me first, then INTIMACY_ME, the clone, git user.name, the login name', () => {
    expect(resolveIdentity(all)).toEqual({ name: 'Flag', source: '--me' });
    expect(resolveIdentity({ ...all, flag: undefined })).toEqual({ name: 'Env', source: 'INTIMACY_ME' });
    expect(resolveIdentity({ ...all, flag: undefined, env: '' })).toEqual({ name: 'Clone', source: 'this journal' });
    expect(resolveIdentity({ gitUserName: 'Git', loginName: 'login' })).toEqual({
      name: 'Git',
      source: 'git user.name',
    });
    expect(resolveIdentity({ loginName: 'login' })).toEqual({ name: 'login', source: 'login name' });
  });

  it('ignores blank values and trims names', () => {
    expect(resolveIdentity({ flag: '  ', env: ' Jordan ' })).toEqual({ name: 'Jordan', source: 'INTIMACY_ME' });
  });

  it('checks names typed on the command line', () => {
    expect(validatePersonName('Jordan', '--me')).toBeUndefined();
    expect(validatePersonName('  ', '--me')).toMatch(/needs a name/);
    expect(validatePersonName('a\u0007b', '--for')).toMatch(/cannot hold a control character/);
    expect(validatePersonName('a\u200bb', '--for')).toBe('--for cannot hold an invisible character (U+200B)');
  });
});
