// Actions as data (Excalidraw's model, VS Code's commands): each thing a trader can do by button,
// key, menu or the command palette is defined once — id, label, key binding, when it is enabled
// and what it runs. The window adds its own (src/renderer/src/actions/); the desktop menu and its
// global shortcuts are built from the actions here, which need nothing but the engine.
import type { AppState } from './contract';

/** What every host gives an action: the engine's state and its doors. */
export interface ActionContext {
  /** The engine's latest state; null before the first. */
  state(): AppState | null;
  /** Engages the kill switch. The window keeps retrying until the engine confirms it. */
  engageKillSwitch(): void;
}

export type ActionCategory = 'Trading' | 'View';

export interface Action<C extends ActionContext = ActionContext> {
  readonly id: string;
  /** The button's text and the palette's entry. */
  readonly label: string;
  /** What it does, in a sentence: tooltips and the palette. */
  readonly detail: string;
  readonly category: ActionCategory;
  /** Electron accelerator syntax (src/shared/keys.ts), spelled only here. */
  readonly keys?: string;
  /** Fires while typing or with a dialog open, and system-wide in the desktop app. */
  readonly global?: boolean;
  /** Listed in the desktop menu of this name. */
  readonly menu?: ActionCategory;
  /** null when it can run now; otherwise why not, in the trader's words. */
  enabled(ctx: C): string | null;
  run(ctx: C): void;
}

export const killSwitchAction: Action = {
  id: 'trading.killSwitch',
  label: 'Kill switch',
  detail: 'Blocks the order path and cancels resting orders at once',
  category: 'Trading',
  keys: 'CommandOrControl+Shift+K',
  global: true,
  menu: 'Trading',
  // Always: pressed while the engine is unreachable it says so and keeps trying.
  enabled: () => null,
  run: (ctx) => ctx.engageKillSwitch(),
};

/** The actions that need no window: the desktop menu and global shortcuts are made of these. */
export const ENGINE_ACTIONS: readonly Action[] = [killSwitchAction];
