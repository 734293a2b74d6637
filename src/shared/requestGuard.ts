// Who may talk to a local HTTP server (`arbdesk serve`, the simulator's admin API), decided from
// the request headers alone, before anything is counted or read. Two attacks are closed here:
// - DNS rebinding: a web page whose name re-resolves to 127.0.0.1 reaches the server with its own
//   name in the Host header. Only the served address's own names (and IP literals when serving on
//   every interface, which no rebinding attacker can put in a Host header) are accepted.
// - Cross-site requests: a browser says where a request comes from (Origin, Sec-Fetch-Site);
//   only our own page's origin is accepted. Clients that are not browsers send neither.

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);
const LOOPBACK_BINDS = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

export interface HostPolicy {
  readonly port: number;
  /** Host names accepted as written in the Host header (IPv6 in brackets), lower case. */
  readonly names: ReadonlySet<string>;
  /** Serving on every interface: any IP literal is one of ours. */
  readonly anyIpLiteral: boolean;
}

export function isLoopbackBind(host: string): boolean {
  return LOOPBACK_BINDS.has(host.toLowerCase());
}

/** The Host headers a server bound to `boundHost:port` answers to. */
export function hostPolicyFor(boundHost: string, port: number): HostPolicy {
  const bound = boundHost.toLowerCase();
  const written = bound.includes(':') && !bound.startsWith('[') ? `[${bound}]` : bound;
  if (WILDCARD_HOSTS.has(bound)) return { port, names: new Set(['localhost']), anyIpLiteral: true };
  if (isLoopbackBind(bound)) return { port, names: new Set(LOOPBACK_NAMES), anyIpLiteral: false };
  return { port, names: new Set([written]), anyIpLiteral: false };
}

/** `name[:port]` of a Host header, lower case; null when it is not one. */
export function parseHostHeader(value: string | undefined): { name: string; port: number | null } | null {
  if (value === undefined || value.length > 300) return null;
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(value);
  if (!match) return null;
  return { name: match[1]!.toLowerCase(), port: match[2] === undefined ? null : Number(match[2]) };
}

function isIpLiteral(name: string): boolean {
  if (name.startsWith('[')) return true;
  const parts = name.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** True when the Host header names this server (the port must match too; absent means 80). */
export function hostAllowed(value: string | undefined, policy: HostPolicy): boolean {
  const host = parseHostHeader(value);
  if (!host || (host.port ?? 80) !== policy.port) return false;
  return policy.names.has(host.name) || (policy.anyIpLiteral && isIpLiteral(host.name));
}

export interface BrowserProvenance {
  origin: string | undefined;
  /** Sec-Fetch-Site: set by browsers on every request, including those that carry no Origin. */
  fetchSite: string | undefined;
  /** The request's Host header, already checked with hostAllowed. */
  host: string | undefined;
}

/**
 * True when the request is not from another site's page: no browser provenance at all (curl, a
 * script), or our own page, whose origin is the address it was loaded from (`http://` + Host) or
 * one of `ownOrigins`.
 */
export function sameOriginRequest(r: BrowserProvenance, ownOrigins: ReadonlySet<string> = new Set()): boolean {
  if (r.fetchSite !== undefined && r.fetchSite !== 'same-origin' && r.fetchSite !== 'none') return false;
  if (r.origin === undefined) return true;
  if (r.host !== undefined && r.origin.toLowerCase() === `http://${r.host.toLowerCase()}`) return true;
  return ownOrigins.has(r.origin);
}
