// The window's actions: the shared ones (src/shared/actions.ts) and those that need the screen.
// Buttons, key bindings and the command palette all read this one list.
import { ENGINE_ACTIONS, type Action, type ActionContext } from '../../../shared/actions';
import type { ArbdeskClient } from '../bridge/client';
import { askRearm } from '../risk/rearm';
import { BOTTOM_TABS, useAppStore } from '../store/appStore';
import { useTheme } from '../theme/theme';
import { openSelectedConfirm, selectedExecuteBlockedReason } from '../trade/executeSelected';
import { openPalette } from './palette';

export interface WindowContext extends ActionContext {
  readonly client: ArbdeskClient;
}

export type WindowAction = Action<WindowContext>;

export const rearmAction: WindowAction = {
  id: 'trading.rearm',
  label: 'Re-arm',
  detail: 'Allows orders again after a trip or the kill switch (asks first)',
  category: 'Trading',
  enabled: (ctx) => {
    const breaker = ctx.state()?.breaker;
    if (!breaker) return 'Waiting for the engine';
    return breaker.state !== 'closed' || breaker.killSwitch ? null : 'The breaker is armed';
  },
  run: () => {
    useAppStore.getState().setBottomTab('risk');
    askRearm();
  },
};

export const executeAction: WindowAction = {
  id: 'trading.execute',
  label: 'Execute',
  detail: 'Opens the confirmation to execute the selected opportunity',
  category: 'Trading',
  keys: 'E',
  enabled: () => selectedExecuteBlockedReason(),
  run: () => openSelectedConfirm(),
};

export const paletteAction: WindowAction = {
  id: 'view.commandPalette',
  label: 'Command palette',
  detail: 'Finds and runs any action by name',
  category: 'View',
  keys: 'CommandOrControl+K',
  enabled: () => null,
  run: () => openPalette(),
};

const showTabActions: WindowAction[] = BOTTOM_TABS.map((tab) => ({
  id: `view.show.${tab.id}`,
  label: `Show ${tab.label}`,
  detail: `Opens the ${tab.label} tab of the bottom panel`,
  category: 'View',
  enabled: () => null,
  run: () => useAppStore.getState().setBottomTab(tab.id),
}));

export const themeAction: WindowAction = {
  id: 'view.toggleTheme',
  label: 'Toggle dark/light theme',
  detail: 'Switches between the dark and the light theme',
  category: 'View',
  enabled: () => null,
  run: () => {
    const { theme, choose } = useTheme.getState();
    choose(theme === 'dark' ? 'light' : 'dark');
  },
};

export const WINDOW_ACTIONS: readonly WindowAction[] = [...ENGINE_ACTIONS, rearmAction, executeAction, paletteAction, ...showTabActions, themeAction];
