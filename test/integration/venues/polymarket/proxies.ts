// Proxies in front of the simulator over real sockets, for what the simulator does not do by
// itself: a market channel whose opening handshakes are slow or never answered, and a Gamma page
// that fails before it succeeds.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { faultProxy, type FaultProxy, type HttpFault } from '../../../helpers/faultProxy';

export interface HandshakeProxyOptions {
  /** Each upgrade answer is held this long before the client gets it. */
  holdMs?: number;
  /** Connections (numbered from 1 as accepted) whose upgrade answer never arrives. */
  swallow?: (n: number) => boolean;
  /** After passing on connection n's answer, the event loop is kept busy this long (a loaded process). */
  blockLoopAfter?: (n: number) => number;
}

export interface HandshakeProxy {
  /** The simulator's market-channel URL with the proxy's address. */
  url: string;
  /** Connections accepted. */
  readonly accepted: number;
  /** Most handshakes waiting for their answer at once (accepted, not yet answered, not yet closed). */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

/** A TCP proxy to the simulator's market channel that holds (or swallows) the upgrade answers. */
export async function handshakeProxy(upstreamUrl: string, options: HandshakeProxyOptions = {}): Promise<HandshakeProxy> {
  const upstream = new URL(upstreamUrl);
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const server = net.createServer((client) => {
    const n = ++accepted;
    let waiting = true;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const answered = () => {
      if (!waiting) return;
      waiting = false;
      inFlight--;
    };
    const target = net.connect(Number(upstream.port), upstream.hostname);
    sockets.add(client).add(target);
    client.on('close', () => {
      answered();
      sockets.delete(client);
      target.destroy();
    });
    target.on('close', () => {
      sockets.delete(target);
      client.destroy();
    });
    client.on('error', () => target.destroy());
    target.on('error', () => client.destroy());
    client.pipe(target);
    target.once('data', (first: Buffer) => {
      if (options.swallow?.(n)) return; // the answer never comes: the client's deadline must end it
      const pass = () => {
        if (client.destroyed) return;
        client.write(first);
        answered();
        const busy = options.blockLoopAfter?.(n) ?? 0;
        if (busy > 0) {
          // Busy inside an I/O callback, after the loop polled: the client's deadline timer and its
          // unread answer come due together, and the next turn runs timers before it reads sockets.
          const until = performance.now() + busy;
          while (performance.now() < until) {
            /* the whole process is busy */
          }
        }
        target.pipe(client);
        target.resume();
      };
      target.pause();
      if (options.holdMs) setTimeout(pass, options.holdMs);
      else pass();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}${upstream.pathname}${upstream.search}`,
    get accepted() {
      return accepted;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * An HTTP proxy to the simulator's Gamma: the /events page at `offset` (or, with `failing`, the
 * requests it picks) is answered by `faults` in turn (one per request), then passed through as the
 * simulator answers it.
 */
export function gammaProxy(upstreamBase: string, offset: number, faults: readonly HttpFault[], failing?: (url: URL) => boolean): Promise<FaultProxy> {
  return faultProxy(upstreamBase, faults, failing ?? ((url) => url.pathname === '/events' && url.searchParams.get('offset') === String(offset)));
}
