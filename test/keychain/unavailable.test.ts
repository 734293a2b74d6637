import { describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../src/host/secrets/keytarStore';

// Each test file runs in its own process: point this one at a bus with no Secret Service before
// keytar first connects.
process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/arbdesk-no-bus';

describe('KeytarSecretStore without a Secret Service', () => {
  it('says so clearly and refuses to store anything', async () => {
    const store = new KeytarSecretStore('ArbDesk-test-unavailable');
    const status = await store.status();
    expect(status.available).toBe(false);
    expect(status.detail).toMatch(/Secret Service \(libsecret\) is not reachable/);
    await expect(store.set('kalshi.keyId', 'x')).rejects.toThrow(/never stores keys in plain text/);
    expect(await store.has('kalshi.keyId')).toBe(false);
  });
});
