import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const WS_PROTOCOL = 'arbdesk.v1';
const WS_TOKEN_PREFIX = 'token.';

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison: hash both sides to equal length, then timingSafeEqual. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * Browsers cannot set headers on a WebSocket, so the UI offers the token as a subprotocol
 * ("arbdesk.v1", "token.<T>"); scripts may send `Authorization: Bearer <T>` instead.
 */
export function webSocketToken(req: IncomingMessage): string | null {
  const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const offered = protocols.find((p) => p.startsWith(WS_TOKEN_PREFIX));
  return offered ? offered.slice(WS_TOKEN_PREFIX.length) : bearerToken(req);
}

export function webSocketProtocolsFor(token: string): string[] {
  return [WS_PROTOCOL, `${WS_TOKEN_PREFIX}${token}`];
}

/**
 * Slows down token guessing, per client: after `maxFailures` requests without a valid token from
 * one address within `windowMs`, that address's unauthenticated requests answer 429 until the
 * window has passed. Only failures are counted, and only after the Host and Origin checks; a
 * request with the valid token is never looked up here, so no flood can lock the trader out.
 */
export class FailedAuthLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
    /** Clients remembered at most (oldest forgotten first), so many addresses cannot exhaust memory. */
    private readonly maxClients = 4096,
  ) {}

  isBlocked(client: string): boolean {
    return this.recent(clientKey(client)).length >= this.maxFailures;
  }

  recordFailure(client: string): void {
    const key = clientKey(client);
    const list = this.recent(key);
    if (list.length >= this.maxFailures) return;
    list.push(this.now());
    this.failures.delete(key);
    this.failures.set(key, list);
    if (this.failures.size > this.maxClients) this.failures.delete(this.failures.keys().next().value!);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }
}

/** One client whether it arrives over IPv4 or as an IPv4-mapped IPv6 address. */
function clientKey(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
