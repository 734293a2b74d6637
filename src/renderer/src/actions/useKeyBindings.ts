import { useEffect } from 'react';
import { matchesKeys } from '../../../shared/keys';
import { chordOf, MAC, runAction } from './actionContext';
import type { WindowAction, WindowContext } from './windowActions';

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The window's one keydown listener: each action's binding, from its definition. A global action
 * (the kill switch) fires from anywhere; the others wait while a dialog is open, and a binding
 * without a modifier (E) does not fire while the trader types in a field.
 */
export function useKeyBindings(actions: readonly WindowAction[], ctx: WindowContext): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      for (const action of actions) {
        const chord = chordOf(action);
        if (!chord || !matchesKeys(chord, e, MAC)) continue;
        if (!action.global) {
          if (e.repeat || document.querySelector('[role="dialog"]')) return;
          const plain = !chord.primary && !chord.ctrl && !chord.alt;
          if (plain && typing(e.target)) return;
        }
        if (runAction(action, ctx)) e.preventDefault();
        return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, ctx]);
}
