import { createServer } from 'node:net';

export type PortState = { kind: 'free' } | { kind: 'arbdesk'; url: string } | { kind: 'other'; code: string };

const PROBE_TIMEOUT_MS = 2_000;

function canListen(host: string, port: number): Promise<true | string> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The UI shell that `arbdesk serve` answers on / without a token. */
async function servesArbdesk(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), redirect: 'manual' });
    return res.ok && /<title>ArbDesk<\/title>/.test(await res.text());
  } catch {
    return false;
  }
}

/**
 * What holds a port before serve takes it: nothing, another ArbDesk (its address), or another
 * program. Asks only for the static UI shell, never the API, so the probe cannot count as a
 * failed login against the running instance.
 */
export async function probePort(host: string, port: number): Promise<PortState> {
  const listen = await canListen(host, port);
  if (listen === true) return { kind: 'free' };
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}/`;
  if (listen === 'EADDRINUSE' && (await servesArbdesk(url))) return { kind: 'arbdesk', url };
  return { kind: 'other', code: listen };
}
