// Drives the BUILT desktop app without the Electron binary: out/main runs in its own Node process
// with the stand-in `electron` module; each window it opens becomes a real Chromium page showing
// the built renderer, with the BUILT preload run in that page against a stand-in contextBridge and
// ipcRenderer whose invoke() travels to that process's ipcMain over a Playwright binding (the
// page's frame goes with it, as Electron's senderFrame), and whose events come back the same way.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { ROOT } from '../../helpers/cli';
import type { DriverMessage, FrameRef, StandInMessage } from '../standin/protocol';
import { mainEntry, type StandInBuild } from './buildStandIn';

const IPC_BINDING = '__arbdeskStandInIpc';
const DELIVER = '__arbdeskStandInDeliver';

type Message<T extends StandInMessage['t']> = Extract<StandInMessage, { t: T }>;
type Request = DriverMessage extends infer M ? (M extends { rid: number } ? Omit<M, 'rid'> : never) : never;

/**
 * The page-side half: Electron's sandboxed preload environment (a `require` that offers only
 * `electron`), then the built preload itself, in the top frame only (no preload in subframes).
 */
function preloadShim(preloadSource: string): string {
  return `(() => {
  if (window !== window.top) return;
  const listeners = new Map();
  const ipcRenderer = {
    invoke: (channel, ...args) => window.${IPC_BINDING}({ channel, args }),
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(key, api) {
      Object.defineProperty(window, key, { value: Object.freeze({ ...api }), enumerable: true, writable: false, configurable: false });
    },
  };
  Object.defineProperty(window, '${DELIVER}', {
    value: (channel, args) => { for (const listener of listeners.get(channel) ?? []) listener({ sender: ipcRenderer }, ...args); },
  });
  const require = (id) => {
    if (id === 'electron') return { contextBridge, ipcRenderer };
    throw new Error('a sandboxed preload cannot require "' + id + '"');
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports);
})();`;
}

export interface BootOptions {
  standIn: StandInBuild;
  /** ARBDESK_DATA_DIR for the app. */
  dataDir: string;
  env?: NodeJS.ProcessEnv;
}

export class DesktopHarness {
  private readonly messages: StandInMessage[] = [];
  private readonly waiters = new Set<() => void>();
  private nextRid = 1;
  private err = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private contexts: BrowserContext[] = [];

  private constructor(readonly child: ChildProcess) {
    child.on('message', (m) => {
      this.messages.push(m as StandInMessage);
      for (const wake of [...this.waiters]) wake();
    });
    child.stderr!.on('data', (d: Buffer) => {
      this.err += d.toString();
      for (const wake of [...this.waiters]) wake();
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        resolve({ code, signal });
        for (const wake of [...this.waiters]) wake();
      }),
    );
  }

  /** Starts out/main (package.json "main") as Electron would: `electron <app dir>`. */
  static boot(options: BootOptions): DesktopHarness {
    const child = fork(path.join(ROOT, mainEntry()), [ROOT], {
      cwd: ROOT,
      execArgv: ['--import', options.standIn.register],
      env: { ...process.env, ARBDESK_DATA_DIR: options.dataDir, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    return new DesktopHarness(child);
  }

  stderr(): string {
    return this.err;
  }

  all<T extends StandInMessage['t']>(t: T): Message<T>[] {
    return this.messages.filter((m): m is Message<T> => m.t === t);
  }

  /** The first message of kind t (matching where) so far, or the next one to come. */
  next<T extends StandInMessage['t']>(t: T, where: (m: Message<T>) => boolean = () => true, timeoutMs = 60_000): Promise<Message<T>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.all(t).find(where);
        if (found) {
          done();
          resolve(found);
        } else if (this.child.exitCode !== null || this.child.signalCode !== null) {
          done();
          reject(new Error(`the main process exited (${this.child.exitCode ?? this.child.signalCode}) before "${t}"; stderr: ${this.err.slice(-2000)}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no "${t}" from the main process within ${timeoutMs} ms; stderr: ${this.err.slice(-2000)}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  send(message: DriverMessage): void {
    if (this.child.connected) this.child.send(message, () => undefined);
  }

  /**
   * Sends a request to the stand-in and returns its answer (or throws its error). A page outliving
   * the main process (its preload still acknowledging events) gets a rejection, as an invoke does
   * in Electron once main is gone, not an uncaught error here.
   */
  async request(message: Request): Promise<unknown> {
    if (!this.child.connected) throw new Error(`the main process is gone: "${message.t}" was not sent`);
    const rid = this.nextRid++;
    await new Promise<void>((resolve, reject) => this.child.send({ ...message, rid } as DriverMessage, (e) => (e ? reject(e) : resolve())));
    const reply = await this.next('reply', (m) => m.rid === rid);
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  }

  /**
   * Shows window `id` in Chromium: a page of the window's size running the window's preload, loaded
   * with the URL main gave it; then tells main the window is ready to show.
   */
  async showWindow(browser: Browser, id: number): Promise<Page> {
    const created = await this.next('window', (m) => m.id === id);
    const load = await this.next('load', (m) => m.id === id);
    const page = await this.openPage(browser, id, String(created.options.webPreferences.preload), {
      width: created.options.width ?? 800,
      height: created.options.height ?? 600,
    });
    await page.goto(load.url);
    this.send({ t: 'ready-to-show', id });
    return page;
  }

  /** A page wired to main as webContents `webContentsId` (a window's, or one main does not know). */
  async openPage(browser: Browser, webContentsId: number, preload: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    this.contexts.push(context);
    const page = await context.newPage();
    const subframeIds = new WeakMap<Frame, string>();
    let subframes = 0;
    const frameRef = (frame: Frame): FrameRef => {
      if (frame === page.mainFrame()) return { id: 'main', url: frame.url() };
      if (!subframeIds.has(frame)) subframeIds.set(frame, `subframe-${++subframes}`);
      return { id: subframeIds.get(frame)!, url: frame.url() };
    };
    await page.exposeBinding(IPC_BINDING, (source, call: { channel: string; args: unknown[] }) =>
      this.request({ t: 'invoke', webContentsId, frame: frameRef(source.frame), channel: call.channel, args: call.args }),
    );
    await page.addInitScript({ content: preloadShim(readFileSync(preload, 'utf8')) });
    // main → page (webContents.send), in the order main sent them.
    let delivered = 0;
    let queue = Promise.resolve();
    const pump = () => {
      const sends = this.all('send').filter((m) => m.id === webContentsId);
      for (; delivered < sends.length; delivered++) {
        const { channel, args } = sends[delivered]!;
        queue = queue.then(() => page.evaluate(([name, c, a]) => (globalThis as unknown as Record<string, (c: string, a: unknown[]) => void>)[name]?.(c, a), [DELIVER, channel, args] as const).then(() => undefined, () => undefined));
      }
    };
    this.waiters.add(pump);
    page.on('close', () => this.waiters.delete(pump));
    return page;
  }

  /** Asks the app to quit the way the user does (Electron's quit sequence), and waits for the process. */
  async quit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.send({ t: 'quit', rid: this.nextRid++ });
    return this.exited;
  }

  async dispose(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
      await this.quit();
      clearTimeout(timer);
    }
  }
}
