// The engine with every venue's real connector pointed at a running simulator (no keys), for the
// live integration tests.
import { Engine } from '../../../src/engine/engine';
import type { EngineOptions } from '../../../src/engine/compose';
import type { VenueConnectionResolver } from '../../../src/engine/venues/connection';
import { simulatorConnection } from '../../../src/host/venues/hostVenues';
import type { SimulatorHandle } from '../../../src/sim/index';
import { MemorySecretStore } from '../../helpers/memorySecretStore';

export function engineOnSimulator(sim: SimulatorHandle, dataDir: string, live: EngineOptions['live']): Promise<Engine> {
  const resolver: VenueConnectionResolver = {
    resolve: async (venue, selected) => ({ connection: simulatorConnection(venue, sim.endpoints as unknown as Record<string, unknown>), selected, keysSet: false, note: null }),
  };
  return Engine.create({ host: 'serve', dataDir, secrets: new MemorySecretStore(), venues: resolver, live, log: () => undefined });
}
