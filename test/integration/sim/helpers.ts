// Small hand-written venue clients for the simulator tests: Kalshi request signing, a
// WebSocket that records every message, and a poll-until helper.
import { constants, createSign } from 'node:crypto';
import WebSocket from 'ws';

export function kalshiHeaders(keyId: string, privateKeyPem: string, method: string, path: string, timestamp = Date.now()): Record<string, string> {
  const sign = createSign('RSA-SHA256');
  sign.update(`${timestamp}${method}${path}`);
  sign.end();
  const signature = sign.sign({ key: privateKeyPem, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }).toString('base64');
  return { 'KALSHI-ACCESS-KEY': keyId, 'KALSHI-ACCESS-TIMESTAMP': String(timestamp), 'KALSHI-ACCESS-SIGNATURE': signature };
}

/** A signed Kalshi REST call; `url` is the full URL (its path is what gets signed). */
export async function kalshiFetch(keyId: string, pem: string, method: string, url: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const u = new URL(url);
  const res = await fetch(url, {
    method,
    headers: { ...kalshiHeaders(keyId, pem, method, u.pathname), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

export class RecordingSocket {
  readonly messages: unknown[] = [];
  readonly texts: string[] = [];
  private waiters: (() => void)[] = [];
  closed = false;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = data.toString();
      this.texts.push(text);
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) this.messages.push(...(parsed as unknown[]));
        else this.messages.push(parsed);
      } catch {
        this.messages.push(text);
      }
      for (const w of this.waiters.splice(0)) w();
    });
    ws.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<RecordingSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.once('open', () => resolve(new RecordingSocket(ws)));
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
      ws.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Resolves with the first recorded message (from `from`) that matches. */
  async waitFor<T = Record<string, unknown>>(predicate: (m: T) => boolean, timeoutMs = 5000, from = 0): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find((m) => typeof m === 'object' && m !== null && predicate(m as T));
      if (found) return found as T;
      if (this.closed) throw new Error('socket closed while waiting');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting; last messages: ${JSON.stringify(this.messages.slice(-3))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  of<T = Record<string, unknown>>(predicate: (m: T) => boolean): T[] {
    return this.messages.filter((m) => typeof m === 'object' && m !== null && predicate(m as T)) as T[];
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Lets in-flight loopback frames arrive. After the timer, a few turns through the poll phase: on a
 * loaded machine the timer can fire before the frames already sent have been read.
 */
export const settle = async () => {
  await new Promise((r) => setTimeout(r, 50));
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};
