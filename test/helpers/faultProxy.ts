// An HTTP proxy in front of one of the simulator's REST servers over real sockets, for what the
// simulator does not do by itself: a call that fails (a 429, a 5xx) before it succeeds.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpFault {
  status: number;
  headers?: Record<string, string>;
}

export interface FaultProxy {
  base: string;
  /** Every request, with the monotonic ms it arrived. */
  readonly requests: { method: string; path: string; offset: string | null; at: number }[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy to one of the simulator's REST servers: the requests `failing` picks are answered by
 * `faults` in turn (one per request); everything else — and a picked request once the faults are
 * spent — is passed through with its method, headers and body (an L2 signature covers method, path,
 * body and time, not the host, so signed calls pass unchanged).
 */
export async function faultProxy(upstreamBase: string, faults: readonly HttpFault[], failing: (url: URL, method: string) => boolean): Promise<FaultProxy> {
  const requests: FaultProxy['requests'] = [];
  let failed = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const method = req.method ?? 'GET';
    requests.push({ method, path: url.pathname, offset: url.searchParams.get('offset'), at: performance.now() });
    if (failing(url, method) && failed < faults.length) {
      const fault = faults[failed++]!;
      res.writeHead(fault.status, { 'Content-Type': 'application/json', ...fault.headers });
      res.end(JSON.stringify({ error: `injected ${fault.status}` }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)) headers[k] = v;
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      fetch(`${upstreamBase.replace(/\/+$/, '')}${url.pathname}${url.search}`, { method, headers, ...(body ? { body } : {}) })
        .then(async (answer) => {
          res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(await answer.text());
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
