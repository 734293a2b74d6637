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
 * always, the pages of the links list the page reads after its snapshot (the last says `next: null`).
 */
export class SocketCounter {
  counting = false;
  messages = 0;
  readonly byEvent = new Map<string, number>();
  linkPages = 0;
  lastLinkPageAt: number | null = null;

  async attach(page: Page): Promise<void> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    cdp.on('Network.webSocketFrameReceived', (e: { response: { payloadData: string } }) => {
      const text = e.response.payloadData;
      // Every frame is {"type":"response",...} or {"type":"event","event":NAME,...} (the transport writes type first).
      const name = text.startsWith('{"type":"response"') ? 'response' : (/^\{"type":"event","event":"([a-zA-Z]+)"/.exec(text)?.[1] ?? 'other');
      if (name === 'response' && text.includes('"ok":true,"result":{"links":[')) {
        this.linkPages++;
        if (text.endsWith('"next":null}}')) this.lastLinkPageAt = performance.now();
      }
      if (!this.counting) return;
      this.messages++;
      this.byEvent.set(name, (this.byEvent.get(name) ?? 0) + 1);
    });
  }

  /** Resolves once the page has read the last page of the links list, or rejects after `timeoutMs`. */
  async linksRead(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.lastLinkPageAt === null) {
      if (performance.now() > deadline) throw new Error(`the page had not read the links list after ${timeoutMs} ms (${this.linkPages} page(s))`);
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
