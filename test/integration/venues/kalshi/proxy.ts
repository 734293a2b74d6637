// A WebSocket proxy between the connector and the simulator, for faults the simulator does not
// make: frames that are not JSON, binary frames, a venue that refuses get_snapshot. It forwards
// the signed upgrade headers unchanged (the path is the same, so the signature still verifies).
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer, type RawData } from 'ws';

export interface ProxyHooks {
  /** A frame from the venue: return frames to send to the client instead (default: the frame itself). */
  fromVenue?(data: RawData, isBinary: boolean): { data: RawData | string; binary: boolean }[];
  /** A frame from the client: return a reply to answer it here, or undefined to forward it. */
  fromClient?(text: string): string | undefined;
}

export interface WsProxy {
  url: string;
  hooks: ProxyHooks;
  close(): Promise<void>;
}

export async function startWsProxy(upstream: string, hooks: ProxyHooks = {}): Promise<WsProxy> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const proxy: WsProxy = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}${new URL(upstream).pathname}`,
    hooks,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
  wss.on('connection', (client, req) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (k.startsWith('kalshi-') && typeof v === 'string') headers[k] = v;
    const venue = new WebSocket(upstream, { headers });
    const queued: RawData[] = [];
    venue.on('open', () => {
      for (const d of queued.splice(0)) venue.send(d);
    });
    venue.on('message', (data, isBinary) => {
      const frames = proxy.hooks.fromVenue ? proxy.hooks.fromVenue(data, isBinary) : [{ data, binary: isBinary }];
      for (const f of frames) if (client.readyState === WebSocket.OPEN) client.send(f.data as Buffer, { binary: f.binary });
    });
    client.on('message', (data) => {
      const reply = proxy.hooks.fromClient?.(data.toString());
      if (reply !== undefined) {
        client.send(reply);
        return;
      }
      if (venue.readyState === WebSocket.OPEN) venue.send(data);
      else queued.push(data);
    });
    const end = () => {
      client.terminate();
      venue.terminate();
    };
    venue.on('close', end);
    venue.on('error', end);
    client.on('close', end);
    client.on('error', end);
  });
  return proxy;
}
