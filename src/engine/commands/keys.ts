// Key commands: set a venue key (checked by its venue first, never echoed), clear one, ask whether
// one is set. Keys go to the keychain only; none is ever read back to the UI.
import { CommandError } from '../../shared/contract';
import type { ActivityLog } from '../activity/activityLog';
import type { SecretsStatusService } from '../secrets/secretsStatus';
import type { SecretStore } from '../secrets/secretStore';
import type { VenueRegistry } from '../venues/registry';
import type { Handlers } from './handlers';

export interface KeyCommandPorts {
  store: SecretStore;
  status: SecretsStatusService;
  venues: VenueRegistry;
  activity: ActivityLog;
}

export function keyCommands({ store, status, venues, activity }: KeyCommandPorts): Handlers<'setSecret' | 'clearSecret' | 'isSecretSet'> {
  return {
    setSecret: async ({ name, value }) => {
      const owner = venues.secretOf(name);
      if (!owner) throw new CommandError('invalid_payload', `name: no venue has a key named "${name}"`, 'payload.name');
      const validation = await owner.venue.validateSecret(owner.key, value);
      if (!validation.ok) {
        activity.append({ kind: 'secret', level: 'warn', message: `Key ${name} rejected: ${validation.message}` });
        return { name, set: await store.has(name).catch(() => false), validation };
      }
      const keychain = await store.status();
      if (!keychain.available) {
        throw new CommandError('unavailable', `No keychain is available (${keychain.backend}); keys are never stored in plain text.`, 'payload.name');
      }
      await store.set(name, owner.venue.normaliseSecret?.(owner.key, value) ?? value.trim());
      await status.refresh();
      activity.append({ kind: 'secret', message: `Key ${name} stored in the keychain` });
      return { name, set: true, validation };
    },

    clearSecret: async ({ name }) => {
      await store.delete(name);
      await status.refresh();
      activity.append({ kind: 'secret', message: `Key ${name} removed from the keychain` });
      return { name, set: false };
    },

    isSecretSet: async ({ name }) => ({ name, set: await store.has(name) }),
  };
}
