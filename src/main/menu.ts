import { globalShortcut, Menu, type MenuItemConstructorOptions } from 'electron';
import { ENGINE_ACTIONS, type Action, type ActionContext, type ActionCategory } from '../shared/actions';

function item(action: Action, ctx: ActionContext): MenuItemConstructorOptions {
  return {
    label: action.label,
    toolTip: action.detail,
    ...(action.keys !== undefined ? { accelerator: action.keys } : {}),
    // Global ones are registered system-wide below; the window handles the others itself.
    registerAccelerator: false,
    click: () => {
      if (action.enabled(ctx) === null) action.run(ctx);
    },
  };
}

function submenu(category: ActionCategory, ctx: ActionContext): MenuItemConstructorOptions {
  return { label: category, submenu: ENGINE_ACTIONS.filter((a) => a.menu === category).map((a) => item(a, ctx)) };
}

/** The application menu and the global shortcuts, both made of the shared actions. */
export function installMenu(ctx: ActionContext): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    submenu('Trading', ctx),
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  for (const action of ENGINE_ACTIONS) {
    if (!action.global || action.keys === undefined) continue;
    // Works even when ArbDesk is not the focused window.
    if (!globalShortcut.register(action.keys, () => action.run(ctx))) {
      console.error(`ArbDesk: could not register the global shortcut ${action.keys} (${action.label}); the menu item and button still work`);
    }
  }
}
