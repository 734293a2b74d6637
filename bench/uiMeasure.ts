// One timed window of the UI benchmark: a Chrome trace of the renderer's main thread, frames
// counted in the page, and the engine messages the page received over its WebSocket.
import type { Browser, Page } from 'playwright-core';
import { READ_COUNTERS, START_COUNTERS, type PageCounters } from './uiPage';
import { mainThreadTasks } from './uiTrace';

export interface WindowResult {
  seconds: number;
  longestTaskMs: number;
  longestTaskCpuMs: number;
  longestContents: string;
  tasksOver50: number;
  tasks: number;
  fps: number;
  wsMessagesPerSec: number;
  kinds: string;
  counters: PageCounters;
}

/**
 * Counts the WebSocket messages the page receives, by event name, while `counting` is on; and,
 * always, the responses to the page's own requests (when the last came: the page's loading is over
 * once they stop).
 */
export class SocketCounter {
  counting = false;
  messages = 0;
  readonly byEvent = new Map<string, number>();
  responses = 0;
  lastResponseAt = 0;

  async attach(page: Page): Promise<void> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    cdp.on('Network.webSocketFrameReceived', (e: { response: { payloadData: string } }) => {
      const text = e.response.payloadData;
      // Every frame is {"type":"response",...} or {"type":"event","event":NAME,...} (the transport writes type first).
      const name = text.startsWith('{"type":"response"') ? 'response' : (/^\{"type":"event","event":"([a-zA-Z]+)"/.exec(text)?.[1] ?? 'other');
      if (name === 'response') {
        this.responses++;
        this.lastResponseAt = performance.now();
      }
      if (!this.counting) return;
      this.messages++;
      this.byEvent.set(name, (this.byEvent.get(name) ?? 0) + 1);
    });
  }

  /** Resolves once a response has come and then none for `quietMs` (the page has what it asked for), or rejects after `timeoutMs`. */
  async responsesSettled(quietMs: number, timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.responses === 0 || performance.now() - this.lastResponseAt < quietMs) {
      if (performance.now() > deadline) throw new Error(`the page was still receiving responses after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  reset(): void {
    this.messages = 0;
    this.byEvent.clear();
  }
}

export async function measureWindow(browser: Browser, page: Page, socket: SocketCounter, seconds: number): Promise<WindowResult> {
  socket.reset();
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await page.evaluate(START_COUNTERS);
  socket.counting = true;
  const started = Date.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  socket.counting = false;
  const elapsed = (Date.now() - started) / 1000;
  const counters = await page.evaluate<PageCounters>(READ_COUNTERS);
  const tasks = mainThreadTasks((await browser.stopTracing()).toString('utf8'));
  return {
    seconds: elapsed,
    longestTaskMs: Math.max(tasks.longestMs, ...counters.longTasks),
    longestTaskCpuMs: tasks.longestCpuMs,
    longestContents: tasks.longestContents,
    tasksOver50: Math.max(tasks.over50, counters.longTasks.length),
    tasks: tasks.count,
    fps: counters.frames / counters.seconds,
    wsMessagesPerSec: socket.messages / elapsed,
    kinds: [...socket.byEvent].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${(n / elapsed).toFixed(0)}/s`).join(', ') || 'none',
    counters,
  };
}
