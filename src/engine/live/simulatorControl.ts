// The built-in simulator's loopback admin endpoint, when a venue runs against it: its world clock
// (a one-click demo speed) and its own truth about which cross-venue pairs are the same
// proposition, so a demo's links can be reviewed in one click. Nothing here trades or confirms:
// the trader still confirms each link. Real venues have no such endpoint and none of this exists.
import type { SimulatorState } from '../../shared/contract';
import type { MarketRef } from '../../shared/ids';
import { Emitter, type IDisposable } from '../../shared/lifecycle';
import { linkSides } from '../universe/linkBook';

const TIMEOUT_MS = 3000;

type Truth = 'equivalent' | 'different';

export class SimulatorControl implements IDisposable {
  private admin: string | null = null;
  private equivalent: Set<string> | null = null;
  private speed: number | null = null;
  private generation = 0;
  private readonly onDidChangeEmitter = new Emitter<void>();
  /** The truth or the clock became known, changed, or went away. */
  readonly onDidChange = this.onDidChangeEmitter.event;

  constructor(private readonly log: (message: string) => void) {}

  /** Points at a simulator's admin endpoint (the same one again is a no-op); reads its truth and clock. */
  use(admin: string): void {
    if (admin === this.admin) return;
    this.admin = admin;
    this.equivalent = null;
    this.speed = null;
    const generation = ++this.generation;
    void Promise.all([this.get('/truth/relations'), this.get('/')]).then(
      ([relations, summary]) => {
        if (generation !== this.generation) return;
        const pairs = (relations as { equivalentRefs?: unknown }).equivalentRefs;
        this.equivalent = new Set(Array.isArray(pairs) ? pairs.filter(isPair).map(([a, b]) => pairKey(a as MarketRef, b as MarketRef)) : []);
        const speed = (summary as { speed?: unknown }).speed;
        this.speed = typeof speed === 'number' && speed > 0 ? speed : null;
        this.onDidChangeEmitter.fire();
      },
      (e: unknown) => {
        if (generation === this.generation) this.log(`ArbDesk: the simulator's admin endpoint did not answer: ${(e as Error).message}`);
      },
    );
  }

  /** No venue runs against the simulator any more. */
  clear(): void {
    if (this.admin === null) return;
    this.admin = null;
    this.equivalent = null;
    this.speed = null;
    this.generation++;
    this.onDidChangeEmitter.fire();
  }

  state(): SimulatorState | null {
    return this.admin !== null && this.speed !== null ? { speed: this.speed } : null;
  }

  /** What the simulated world holds of this pair of markets; null when it is not known. */
  truthOf(a: MarketRef, b: MarketRef): Truth | null {
    if (this.equivalent === null) return null;
    return this.equivalent.has(pairKey(a, b)) ? 'equivalent' : 'different';
  }

  async setSpeed(speed: number): Promise<SimulatorState> {
    if (this.admin === null) throw new Error('no venue runs against the simulator');
    const summary = await this.send('/clock', { speed });
    const now = (summary as { speed?: unknown }).speed;
    this.speed = typeof now === 'number' && now > 0 ? now : speed;
    this.onDidChangeEmitter.fire();
    return { speed: this.speed };
  }

  dispose(): void {
    this.generation++;
    this.onDidChangeEmitter.dispose();
  }

  private async get(path: string): Promise<unknown> {
    const res = await fetch(`${this.admin}${path}`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
    return res.json();
  }

  private async send(path: string, body: unknown): Promise<unknown> {
    const res = await fetch(`${this.admin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const json = (await res.json().catch(() => ({}))) as { error?: unknown };
    if (!res.ok) throw new Error(typeof json.error === 'string' ? json.error : `POST ${path}: HTTP ${res.status}`);
    return json;
  }
}

function pairKey(a: MarketRef, b: MarketRef): string {
  return linkSides(a, b).join('|');
}

function isPair(v: unknown): v is [string, string] {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string';
}
