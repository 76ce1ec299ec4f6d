import { describe, expect, it } from 'vitest';
import { consoleInstanceName } from './instance-name';

describe('consoleInstanceName', () => {
  it('is CONSOLE_INSTANCE, else the host name', () => {
    expect(consoleInstanceName({ CONSOLE_INSTANCE: 'console-2' }, 'host-a')).toBe('console-2');
    expect(consoleInstanceName({}, 'ip-10-0-0-7.internal')).toBe('ip-10-0-0-7.internal');
  });

  it('is made of what the database accepts (letters, digits . _ : -, 64 at most, a letter or digit first)', () => {
    expect(consoleInstanceName({ CONSOLE_INSTANCE: ' -my host/1 ' }, 'x')).toBe('my-host-1');
    expect(consoleInstanceName({}, 'a'.repeat(100))).toHaveLength(64);
    expect(consoleInstanceName({ CONSOLE_INSTANCE: '///' }, '')).toBe('console');
  });
});
