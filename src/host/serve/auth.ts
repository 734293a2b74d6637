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

/** Slows down token guessing: after `maxFailures` bad tokens from one address in `windowMs`, refuse with 429. */
export class FailedAuthLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  isBlocked(address: string): boolean {
    return this.recent(address).length >= this.maxFailures;
  }

  recordFailure(address: string): void {
    const list = this.recent(address);
    list.push(this.now());
    this.failures.set(address, list);
  }

  private recent(address: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const list = (this.failures.get(address) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.failures.delete(address);
    return list;
  }
}
