// The loopback channel between the stand-in `electron` module (in the process running the built
// main bundle) and the test driver (which runs the real renderer in Chromium). It plays the part of
// Electron's own IPC and window system: what main does to a window is reported, what a page or the
// user does to it is delivered. Carried over Node's child-process IPC channel.

export interface WindowOptionsReport {
  width?: number;
  height?: number;
  show?: boolean;
  title?: string;
  webPreferences: Record<string, unknown>;
}

export interface FrameRef {
  /** 'main' for the window's top frame; any other id is a subframe. */
  id: string;
  url: string;
}

/** Stand-in → driver. */
export type StandInMessage =
  | { t: 'window'; id: number; options: WindowOptionsReport }
  | { t: 'load'; id: number; url: string }
  | { t: 'show'; id: number }
  | { t: 'send'; id: number; channel: string; args: unknown[] }
  | { t: 'dialog'; title: string; content: string }
  | { t: 'menu'; items: string[][] }
  | { t: 'shortcut'; accelerator: string }
  | { t: 'open-external'; url: string }
  | { t: 'reply'; rid: number; ok: true; value: unknown }
  | { t: 'reply'; rid: number; ok: false; error: string };

/** Driver → stand-in; every one but 'ready-to-show' is answered by a 'reply' with the same rid. */
export type DriverMessage =
  | { t: 'invoke'; rid: number; webContentsId: number; frame: FrameRef; channel: string; args: unknown[] }
  | { t: 'ready-to-show'; id: number }
  | { t: 'fail-load'; rid: number; id: number; errorCode: number; description: string; url: string }
  | { t: 'menu-click'; rid: number; path: string[] }
  | { t: 'shortcut'; rid: number; accelerator: string }
  | { t: 'navigate'; rid: number; id: number; url: string }
  | { t: 'window-open'; rid: number; id: number; url: string }
  | { t: 'permission'; rid: number; permission: string }
  | { t: 'headers'; rid: number }
  | { t: 'quit'; rid: number }
  /** The shared objects this process has loaded (process.report): which native modules main opened. */
  | { t: 'shared-objects'; rid: number };

/** A webContents id no window has: a sender that is not the app's window. */
export const FOREIGN_WEB_CONTENTS_ID = 9_999;
