// A simulator without sockets: the world and both exchanges, wired as startSimulator wires them.
import { generateKeyPairSync } from 'node:crypto';
import type { Micros } from '../../../src/shared/units';
import { Rng } from '../../../src/sim/core/rng';
import { FaultController } from '../../../src/sim/faults/controller';
import { parseFaultSpec } from '../../../src/sim/faults/spec';
import { KalshiExchange } from '../../../src/sim/kalshi/exchange';
import { PolymarketExchange } from '../../../src/sim/polymarket/exchange';
import { World } from '../../../src/sim/world/world';

const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });

export function makeVenues(seed: string, options: { markets?: number; dislocationEverySec?: number; faults?: string } = {}) {
  let clock = Date.UTC(2026, 0, 1);
  const now = () => clock;
  const root = new Rng(seed);
  const faults = new FaultController(root.fork('faults'), parseFaultSpec(options.faults ?? ''), now);
  const world = new World({ seed, markets: options.markets ?? 12, dislocationEverySec: options.dislocationEverySec ?? 0, now });
  const kalshi = new KalshiExchange(world, faults, root.fork('kalshi-ids'), now);
  const poly = new PolymarketExchange(world, faults, root.fork('polymarket-ids'), seed, now);
  const account = kalshi.addAccount('key-1', publicKey, 10_000_000_000 as Micros);
  const wallet = '0x00000000000000000000000000000000000000A1';
  poly.fund(wallet, 10_000_000_000);
  const step = (ms = 250) => {
    clock += ms;
    world.step(ms);
    poly.advanceTrades(world.worldMs);
  };
  step();
  return {
    world,
    faults,
    kalshi,
    poly,
    account,
    wallet,
    step,
    advanceWall: (ms: number) => (clock += ms),
    dispose() {
      faults.dispose();
      kalshi.dispose();
      poly.dispose();
    },
  };
}
