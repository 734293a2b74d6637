// The crash-recovery test kills the engine at a point of an execution's entry legs. A flatten or
// completion order (the test re-arms by unwinding a basket an earlier crash left unequal) must pass
// through the hook untouched: counted as a leg, it killed the engine in the middle of the unwind.
import { describe, expect, it } from 'vitest';
import { CrashHook, type CrashWindow } from '../../../src/chaos/crashHooks';
import type { OrderRequest, OrderResult, TradingApi } from '../../../src/engine';

const answer = { status: 'filled' } as unknown as OrderResult;

function fakeApi(): { api: TradingApi; sent: string[] } {
  const sent: string[] = [];
  const api = {
    placeOrder: async (req: OrderRequest) => {
      sent.push(req.clientOrderId);
      return answer;
    },
  } as unknown as TradingApi;
  return { api, sent };
}

const order = (clientOrderId: string) => ({ clientOrderId }) as OrderRequest;

function hooked(window: CrashWindow) {
  const deaths: string[] = [];
  // Records the death instead of dying; it returns, where the real one never does.
  const die = ((w: CrashWindow, evidence: string) => {
    deaths.push(`${w}: ${evidence}`);
  }) as (w: CrashWindow, evidence: string) => never;
  const hook = new CrashHook(window, (req) => req.clientOrderId.startsWith('entry'), 2, die);
  const { api, sent } = fakeApi();
  hook.install(api);
  return { api, sent, deaths };
}

describe('CrashHook', () => {
  it('lets an unwind order through before the execution, then kills after both entry legs are answered', async () => {
    const { api, sent, deaths } = hooked('after_fills');
    await expect(api.placeOrder(order('flatten-1'))).resolves.toBe(answer);
    expect(deaths).toEqual([]);
    void api.placeOrder(order('entry-1'));
    void api.placeOrder(order('entry-2'));
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toEqual(['flatten-1', 'entry-1', 'entry-2']);
    await new Promise((r) => setTimeout(r, 0));
    expect(deaths).toEqual(['after_fills: 2 of 2 legs sent, 2 answered by the venue']);
  });

  it('before_send kills at the first entry leg, not at a flatten', async () => {
    const { api, sent, deaths } = hooked('before_send');
    await api.placeOrder(order('flatten-1'));
    void api.placeOrder(order('entry-1'));
    expect(deaths).toHaveLength(1);
    expect(deaths).toEqual(['before_send: 0 of 2 legs sent, 0 answered by the venue']);
    expect(sent[0]).toBe('flatten-1');
  });
});
