// A stand-in for the `electron` module, for booting the BUILT main bundle (out/main) under plain
// Node where the Electron binary cannot run. It implements only what src/main uses, with Electron's
// documented semantics (event order, handler return values, frame identity), and reports to the
// test driver over the IPC channel of protocol.ts. Started without a driver (by `npm start` through
// ELECTRON_OVERRIDE_DIST_PATH), it runs headless and reports on stderr.
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DriverMessage, FrameRef, StandInMessage, WindowOptionsReport } from './protocol';

const driven = typeof process.send === 'function';

function report(message: StandInMessage): void {
  if (driven) process.send!(message);
  else if (message.t !== 'reply') process.stderr.write(`[electron stand-in] ${JSON.stringify(message)}\n`);
}

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

export interface IpcMainInvokeEvent {
  sender: WebContents;
  senderFrame: WebFrameMain | null;
  frameId: number;
  processId: number;
}

export class WebFrameMain {
  constructor(
    readonly name: string,
    public url: string,
  ) {}
}

class PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class WebContents extends EventEmitter {
  private readonly frames = new Map<string, WebFrameMain>();
  private openHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  private destroyed = false;

  constructor(readonly id: number) {
    super();
    this.frames.set('main', new WebFrameMain('main', ''));
  }

  get mainFrame(): WebFrameMain {
    return this.frames.get('main')!;
  }

  /** The frame object for a frame of this page: the same object every time, as in Electron. */
  frame(ref: FrameRef): WebFrameMain {
    let frame = this.frames.get(ref.id);
    if (!frame) {
      frame = new WebFrameMain(ref.id, ref.url);
      this.frames.set(ref.id, frame);
    }
    frame.url = ref.url;
    return frame;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    report({ t: 'send', id: this.id, channel, args });
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.openHandler = handler;
  }

  windowOpen(url: string): string {
    return this.openHandler ? this.openHandler({ url }).action : 'allow';
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
  }
}

class App extends EventEmitter {
  private readonly ready: Promise<void>;
  private quitting = false;
  private userData: string | null = null;

  constructor() {
    super();
    // Electron is ready once the main script has run its first turn.
    this.ready = new Promise((resolve) =>
      setImmediate(() => {
        this.emit('ready');
        resolve();
      }),
    );
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  isReady(): boolean {
    return true;
  }

  requestSingleInstanceLock(): boolean {
    // ARBDESK_STANDIN_SECOND_INSTANCE: act as the second of two instances (the lock is taken).
    return process.env.ARBDESK_STANDIN_SECOND_INSTANCE !== '1';
  }

  getAppPath(): string {
    // `electron <app dir>`: the app is the directory Electron was started with.
    return path.resolve(process.argv[2] ?? process.cwd());
  }

  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`the stand-in has no path "${name}"`);
    this.userData ??= process.env.ARBDESK_STANDIN_USER_DATA ?? mkdtempSync(path.join(os.tmpdir(), 'arbdesk-standin-userdata-'));
    return this.userData;
  }

  /** Electron's order: before-quit, will-quit (preventable), quit, then the process ends. */
  quit(): void {
    if (this.quitting) return;
    this.quitting = true;
    const before = new PreventableEvent();
    this.emit('before-quit', before);
    const will = new PreventableEvent();
    this.emit('will-quit', will);
    this.quitting = false;
    if (before.defaultPrevented || will.defaultPrevented) return;
    this.emit('quit', new PreventableEvent(), 0);
    process.exit(0);
  }

  exit(code = 0): void {
    process.exit(code);
  }
}

export const app = new App();

const windows = new Map<number, BrowserWindow>();
let nextId = 1;

export class BrowserWindow extends EventEmitter {
  readonly id = nextId++;
  readonly webContents: WebContents;
  private destroyed = false;
  private minimized = false;
  visible: boolean;

  constructor(readonly options: WindowOptionsReport) {
    super();
    this.webContents = new WebContents(this.id);
    this.visible = options.show !== false;
    windows.set(this.id, this);
    app.emit('web-contents-created', new PreventableEvent(), this.webContents);
    const { width, height, show, title, webPreferences } = options;
    report({ t: 'window', id: this.id, options: { width, height, show, title, webPreferences: { ...webPreferences } } });
  }

  loadURL(url: string): Promise<void> {
    this.webContents.mainFrame.url = url;
    report({ t: 'load', id: this.id, url });
    if (!driven) setImmediate(() => this.emit('ready-to-show'));
    return new Promise((resolve) => this.once('ready-to-show', () => resolve()));
  }

  show(): void {
    this.visible = true;
    report({ t: 'show', id: this.id });
  }

  focus(): void {}

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  static getAllWindows(): BrowserWindow[] {
    return [...windows.values()];
  }
}

const handlers = new Map<string, Handler>();

export const ipcMain = {
  handle(channel: string, handler: Handler): void {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    handlers.delete(channel);
  },
};

type PermissionRequestHandler = (contents: WebContents | null, permission: string, callback: (granted: boolean) => void) => void;
type HeadersListener = (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void;

const sessionState: { request: PermissionRequestHandler | null; check: ((contents: WebContents | null, permission: string) => boolean) | null; headers: HeadersListener | null } = {
  request: null,
  check: null,
  headers: null,
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: PermissionRequestHandler): void {
      sessionState.request = handler;
    },
    setPermissionCheckHandler(handler: (contents: WebContents | null, permission: string) => boolean): void {
      sessionState.check = handler;
    },
    webRequest: {
      onHeadersReceived(listener: HeadersListener): void {
        sessionState.headers = listener;
      },
    },
  },
};

interface MenuItem {
  label?: string;
  role?: string;
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItem[];
}

let applicationMenu: { items: MenuItem[] } | null = null;

export const Menu = {
  buildFromTemplate(template: MenuItem[]): { items: MenuItem[] } {
    return { items: template };
  },
  setApplicationMenu(menu: { items: MenuItem[] } | null): void {
    applicationMenu = menu;
    const paths: string[][] = [];
    const walk = (items: MenuItem[], prefix: string[]) => {
      for (const item of items) {
        const name = item.label ?? item.role ?? '';
        paths.push([...prefix, name]);
        if (item.submenu) walk(item.submenu, [...prefix, name]);
      }
    };
    walk(menu?.items ?? [], []);
    report({ t: 'menu', items: paths });
  },
};

const shortcuts = new Map<string, () => void>();

export const globalShortcut = {
  register(accelerator: string, callback: () => void): boolean {
    if (shortcuts.has(accelerator)) return false;
    shortcuts.set(accelerator, callback);
    report({ t: 'shortcut', accelerator });
    return true;
  },
  unregisterAll(): void {
    shortcuts.clear();
  },
};

export const shell = {
  openExternal(url: string): Promise<void> {
    report({ t: 'open-external', url });
    return Promise.resolve();
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    report({ t: 'dialog', title, content });
  },
};

// ── What the driver (the page in Chromium, the user) does ──────────────────────────────────

const foreign = new WebContents(0);

function windowOf(id: number): BrowserWindow {
  const w = windows.get(id);
  if (!w) throw new Error(`no window ${id}`);
  return w;
}

function findMenuItem(items: MenuItem[], names: string[]): MenuItem | null {
  const [first, ...rest] = names;
  const item = items.find((i) => (i.label ?? i.role) === first);
  if (!item) return null;
  return rest.length === 0 ? item : findMenuItem(item.submenu ?? [], rest);
}

async function handle(message: DriverMessage): Promise<unknown> {
  switch (message.t) {
    case 'invoke': {
      const handler = handlers.get(message.channel);
      if (!handler) throw new Error(`No handler registered for '${message.channel}'`);
      const contents = windows.get(message.webContentsId)?.webContents ?? foreign;
      const event: IpcMainInvokeEvent = { sender: contents, senderFrame: contents.frame(message.frame), frameId: 1, processId: 1 };
      return handler(event, ...message.args);
    }
    case 'ready-to-show':
      windowOf(message.id).emit('ready-to-show');
      return undefined;
    case 'fail-load':
      windowOf(message.id).webContents.emit('did-fail-load', new PreventableEvent(), message.errorCode, message.description, message.url, true);
      return undefined;
    case 'menu-click': {
      const item = findMenuItem(applicationMenu?.items ?? [], message.path);
      if (!item?.click) throw new Error(`no menu item ${message.path.join(' › ')} with a click handler`);
      item.click();
      return undefined;
    }
    case 'shortcut': {
      const callback = shortcuts.get(message.accelerator);
      if (!callback) throw new Error(`no global shortcut ${message.accelerator}`);
      callback();
      return undefined;
    }
    case 'navigate': {
      const event = new PreventableEvent();
      windowOf(message.id).webContents.emit('will-navigate', event, message.url);
      return { prevented: event.defaultPrevented };
    }
    case 'window-open':
      return { action: windowOf(message.id).webContents.windowOpen(message.url) };
    case 'permission':
      return new Promise((resolve) => sessionState.request?.(null, message.permission, resolve) ?? resolve(true));
    case 'headers':
      return new Promise((resolve) => (sessionState.headers ? sessionState.headers({ responseHeaders: {} }, (r) => resolve(r.responseHeaders ?? {})) : resolve({})));
    case 'quit':
      app.quit();
      return undefined;
    case 'shared-objects':
      return (process.report.getReport() as { sharedObjects: string[] }).sharedObjects;
  }
}

if (driven) {
  process.on('message', (raw) => {
    const message = raw as DriverMessage;
    const rid = 'rid' in message ? message.rid : null;
    handle(message).then(
      (value) => {
        if (rid !== null) report({ t: 'reply', rid, ok: true, value });
      },
      (e: unknown) => {
        if (rid !== null) report({ t: 'reply', rid, ok: false, error: e instanceof Error ? e.message : String(e) });
      },
    );
  });
  // Like Electron's main process, the app lives until it quits, not while the channel is open.
  process.channel?.unref();
}

export default { app, BrowserWindow, ipcMain, session, Menu, globalShortcut, shell, dialog };
