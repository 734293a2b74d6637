import { globalShortcut, Menu, type MenuItemConstructorOptions } from 'electron';

/** Works even when ArbDesk is not the focused window. */
export const KILL_SWITCH_ACCELERATOR = 'CommandOrControl+Shift+K';

export function installMenu(engageKillSwitch: () => void): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'Trading',
      submenu: [
        { label: 'Kill switch', accelerator: KILL_SWITCH_ACCELERATOR, registerAccelerator: false, click: engageKillSwitch },
      ],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  if (!globalShortcut.register(KILL_SWITCH_ACCELERATOR, engageKillSwitch)) {
    console.error(`ArbDesk: could not register the global kill-switch shortcut ${KILL_SWITCH_ACCELERATOR}; the menu item and button still work`);
  }
}
