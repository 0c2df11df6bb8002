import { Entry } from '@napi-rs/keyring';
import { describe, expect, it } from 'vitest';

describe('the private keyring the tests run against', () => {
  it('is a real Secret Service that stores and returns a secret', () => {
    expect(process.env.SCIM_INSPECTOR_TEST_KEYRING).toBe('1');
    const entry = new Entry('SCIM Inspector tests', `probe-${process.pid}`, { linux: { store: 'secret-service' } });
    entry.setPassword('probe-value');
    expect(entry.getPassword()).toBe('probe-value');
    entry.deletePassword();
    expect(entry.getPassword()).toBeNull();
  });
});
