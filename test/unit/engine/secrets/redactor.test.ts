import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ActivityLog } from '../../../../src/engine/activity/activityLog';
import { systemClock } from '../../../../src/engine/platform/clock';
import { RedactingSecretStore } from '../../../../src/engine/secrets/redactingSecretStore';
import { Redactor } from '../../../../src/engine/secrets/redactor';
import { MemorySecretStore } from '../../../helpers/memorySecretStore';

const WALLET = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const pem = () => generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('Redactor', () => {
  it('blanks any PEM private-key block, known or not, whole or cut off', () => {
    const key = pem();
    const r = new Redactor();
    expect(r.redact(`venue said: ${key.trim()} (end)`)).toBe('venue said: [redacted] (end)');
    expect(r.redact(`half: ${key.slice(0, 200)}`)).toBe('half: [redacted]');
  });

  it('blanks a known wallet key with or without 0x, in any case, and each line of a known PEM body', () => {
    const key = pem();
    const r = new Redactor();
    r.add(WALLET);
    r.add(key);
    expect(r.redact(`k=${WALLET} k2=${WALLET.slice(2).toUpperCase()}`)).toBe('k=[redacted] k2=[redacted]');
    const line = key.split('\n')[3]!;
    expect(r.redact(`leaked line ${line}`)).toBe('leaked line [redacted]');
  });

  it('leaves ordinary text alone and ignores values too short to be keys', () => {
    const r = new Redactor();
    r.add('yes');
    r.add(WALLET);
    const text = 'Bought 5 YES kalshi:KXBTC-25 @ 0.4200; order 0x1f2e (answer: yes)';
    expect(r.redact(text)).toBe(text);
  });

  it('learns every key a RedactingSecretStore reads or stores', async () => {
    const r = new Redactor();
    const inner = new MemorySecretStore();
    inner.values.set('polymarket.privateKey', WALLET);
    const store = new RedactingSecretStore(inner, r);
    expect(r.redact(WALLET)).toBe(WALLET);
    expect(await store.get('polymarket.privateKey')).toBe(WALLET);
    expect(r.redact(WALLET)).toBe('[redacted]');
    await store.set('kalshi.keyId', '8c35a1e2-1111-4222-8333-444455556666');
    expect(r.redact('id 8c35a1e2-1111-4222-8333-444455556666')).toBe('id [redacted]');
  });

  it('the activity log redacts every message and reference it is given', () => {
    const r = new Redactor();
    r.add(WALLET);
    const log = new ActivityLog(systemClock, 100, (t) => r.redact(t));
    const e = log.append({ kind: 'error', message: `signing failed for ${WALLET}`, ref: WALLET });
    expect(e).toMatchObject({ message: 'signing failed for [redacted]', ref: '[redacted]' });
    expect(JSON.stringify(log.query())).not.toContain(WALLET.slice(2));
  });
});
