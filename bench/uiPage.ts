// What the UI benchmark runs inside the page (as script text: bench code is type-checked without
// the DOM library). Frames are counted with requestAnimationFrame; long tasks with the Long Tasks API.

export const START_COUNTERS = `(() => {
  const b = { frames: 0, longTasks: [], started: performance.now(), stopped: null };
  window.__uiBench = b;
  const tick = () => { if (b.stopped === null) { b.frames++; requestAnimationFrame(tick); } };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push(e.duration); }).observe({ type: 'longtask' });
})()`;

export interface PageCounters {
  frames: number;
  seconds: number;
  longTasks: number[];
  rows: number;
  depthAskLevels: number;
}

export const READ_COUNTERS = `(() => {
  const b = window.__uiBench;
  b.stopped = performance.now();
  const chart = document.querySelector('[aria-label^="Depth chart"]');
  return {
    frames: b.frames,
    seconds: (b.stopped - b.started) / 1000,
    longTasks: b.longTasks,
    rows: document.querySelectorAll('table[aria-label="Opportunities"] tbody tr[data-id]').length,
    depthAskLevels: chart ? Number(chart.getAttribute('data-ask-levels') || 0) : 0,
  };
})()`;

/** Clicks the first open (not stale) opportunity; false when there is none. */
export const SELECT_OPEN_OPPORTUNITY = `(() => {
  const row = document.querySelector('table[aria-label="Opportunities"] tbody tr[data-id]:not(.stale)');
  if (!row) return false;
  row.click();
  return true;
})()`;

export const DEPTH_CHART_DRAWN = `(() => {
  const chart = document.querySelector('[aria-label^="Depth chart"]');
  return chart !== null && Number(chart.getAttribute('data-ask-levels') || 0) > 0;
})()`;

/**
 * Installed before the app loads: remembers the app's WebSocket so the benchmark can push extra
 * engine events through the very path real ones take (onmessage → contract validation → store).
 */
export const SOCKET_TAP = `(() => {
  const Native = window.WebSocket;
  const sockets = [];
  window.WebSocket = class extends Native {
    constructor(...args) { super(...args); sockets.push(this); }
  };
  window.__benchInject = (message) => {
    const ws = sockets[sockets.length - 1];
    if (ws && ws.onmessage) ws.onmessage(new MessageEvent('message', { data: JSON.stringify(message) }));
  };
})()`;

export interface FloodStats {
  opportunities: number;
  messages: number;
  rejected: number;
}

/**
 * A synthetic opportunity book of \`count\` rows, each message one upsert (a new net profit, edge
 * and stale flag) at \`rate\` messages a second, a removal and re-opening every 50th; started with
 * one snapshot event. Every message is a contract-valid \`opportunities\` event.
 */
export function startFlood(count: number, rate: number): string {
  return `(() => {
  const count = ${count}, rate = ${rate}, started = Date.now();
  const leg = (i, venue, outcome, price) => ({
    market: venue === 'kalshi' ? 'kalshi:BENCH-' + i : 'polymarket:0xbench' + i.toString(16).padStart(8, '0'),
    venue, title: 'Bench market ' + i, outcome, size: 10, cost: (price * 10).toFixed(2), fee: '0.07',
    avgPrice: price.toFixed(2), worstPrice: (price + 0.01).toFixed(2), health: 'live',
  });
  const opp = (i, k) => {
    const cents = 1 + ((i * 7919 + k * 104729) % 5000);
    const stale = (i + k) % 23 === 0;
    const o = {
      id: 'bench:' + i, strategy: ['cross_venue', 'single_market', 'multi_outcome', 'conditional'][i % 4],
      legs: [leg(i, 'kalshi', 'yes', 0.41), leg(i, 'polymarket', 'no', 0.52)], size: 10, payout: '10', cost: '9.30',
      fees: '0.14', netProfit: (cents / 100).toFixed(2), edge: (cents / 1000).toFixed(4), firstSeenAt: started,
      updatedAt: Date.now(), stale,
    };
    if (stale) o.legs[1].health = 'stale';
    return o;
  };
  const stats = { opportunities: count, messages: 0, rejected: 0 };
  const send = (upserts, removed) => { window.__benchInject({ type: 'event', event: 'opportunities', payload: { upserts, removed } }); stats.messages++; };
  const all = []; for (let i = 0; i < count; i++) all.push(opp(i, 0));
  send(all, []);
  let k = 1, carry = 0;
  const everyMs = 10;
  const timer = setInterval(() => {
    carry += rate * everyMs / 1000;
    for (; carry >= 1; carry--, k++) {
      const i = (k * 2654435761) % count;
      if (k % 50 === 0) { send([], ['bench:' + i]); send([opp(i, k)], []); carry--; }
      else send([opp(i, k)], []);
    }
  }, everyMs);
  window.__benchFloodStop = () => { clearInterval(timer); return stats; };
})()`;
}

export const STOP_FLOOD = `window.__benchFloodStop()`;
