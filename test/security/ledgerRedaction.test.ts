// Issue 15, point 8: some ledger columns were written without the redactor. Every free-text path
// into the ledger is fed a key the engine has read, then every byte in the data directory (the
// ledgers, their WAL, settings, the kill switch record) is searched for it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { newClientOrderId } from '../../src/engine/ledger/ledger';
import type { MarketRef } from '../../src/shared/ids';
import { MemorySecretStore } from '../helpers/memorySecretStore';
import { tempDir } from '../helpers/tempDir';

const WALLET_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const KALSHI_KEY_ID = '3f0e7c1a-5b2d-4e8f-9a61-2c7d4b8e0f13';
const PM = 'polymarket:0xabc' as MarketRef;
const KX = 'kalshi:KXTEST-1' as MarketRef;

function everyByte(dir: string): Buffer {
  const parts: Buffer[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) parts.push(readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return Buffer.concat(parts);
}

describe('no key in any ledger column', () => {
  const dir = tempDir();
  let engine: Engine | undefined;
  afterEach(() => {
    engine?.dispose();
    dir.remove();
  });

  it('redacts reasons, titles, sources, breaker events and activity before they are written', async () => {
    const secrets = new MemorySecretStore();
    secrets.values.set('polymarket.privateKey', WALLET_KEY);
    secrets.values.set('kalshi.keyId', KALSHI_KEY_ID);
    engine = await Engine.create({ host: 'serve', dataDir: dir.path, secrets, log: () => undefined });
    // What the venue resolver does when it connects: the redactor learns the keys it reads.
    await engine.services.secretStore.get('polymarket.privateKey');
    await engine.services.secretStore.get('kalshi.keyId');
    const leak = (where: string) => `${where}: venue said "invalid signature for ${WALLET_KEY.slice(2)} / key ${KALSHI_KEY_ID}"`;

    const ledger = engine.services.ledger;
    ledger.createBasket({
      id: 'b1',
      strategy: 'cross_venue',
      size: '1',
      payoutPerUnit: '1',
      legs: [
        { venue: 'polymarket', market: PM, title: leak('title'), outcome: 'yes', plannedQty: '1', limitPrice: '0.40' },
        { venue: 'kalshi', market: KX, title: 't', outcome: 'no', plannedQty: '1', limitPrice: '0.50' },
      ],
    });
    const order = (legIndex: number) => {
      const cid = newClientOrderId();
      ledger.recordOrderIntent({ clientOrderId: cid, basketId: 'b1', legIndex, side: 'buy', purpose: 'entry', timeInForce: 'ioc', qty: '1', limitPrice: '0.40' });
      return cid;
    };
    ledger.recordReject(order(0), leak('reject'));
    const unknown = order(1);
    ledger.markOrderUnknown(unknown, leak('unknown'));
    ledger.markOrderFinal(unknown, 'failed', leak('final'));
    ledger.recordSettlement({ venue: 'kalshi', market: KX, yesValue: '1', settledAt: 1, source: leak('settlement source') });
    engine.services.activity.append({ kind: 'error', level: 'error', message: leak('activity') });
    engine.services.risk.recordError(leak('breaker error'));
    engine.services.risk.trip('unhedged_exposure', leak('trip'));
    engine.services.killSwitch.registerCanceller('kalshi', async () => {
      throw new Error(leak('cancel-all'));
    });
    await engine.handle('killSwitch', {});

    const bytes = everyByte(dir.path);
    expect(bytes.includes('[redacted]')).toBe(true); // the texts themselves were written
    for (const secret of [WALLET_KEY, WALLET_KEY.slice(2), KALSHI_KEY_ID]) expect(bytes.includes(secret), secret).toBe(false);
    engine.dispose();
    engine = undefined;
    const closed = everyByte(dir.path);
    for (const secret of [WALLET_KEY.slice(2), KALSHI_KEY_ID]) expect(closed.includes(secret), secret).toBe(false);
  });
});
