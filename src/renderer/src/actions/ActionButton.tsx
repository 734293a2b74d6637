import type { ReactNode } from 'react';
import { ariaKeys, keysText } from '../../../shared/keys';
import { chordOf, MAC, runAction, useActionReason, useWindowContext } from './actionContext';
import type { WindowAction } from './windowActions';

interface Props {
  action: WindowAction;
  className?: string;
  /** Defaults to the action's label. */
  children?: ReactNode;
  'aria-describedby'?: string;
}

/** A button made of an action: its label, key binding, tooltip, enabled state and run. */
export function ActionButton({ action, className, children, 'aria-describedby': describedBy }: Props) {
  const ctx = useWindowContext();
  const reason = useActionReason(action);
  const chord = chordOf(action);
  return (
    <button
      type="button"
      className={className}
      disabled={reason !== null}
      onClick={() => runAction(action, ctx)}
      title={`${action.label}${chord ? ` (${keysText(chord, MAC)})` : ''}: ${action.detail}`}
      aria-keyshortcuts={chord ? ariaKeys(chord, MAC) : undefined}
      aria-describedby={describedBy}
    >
      {children ?? action.label}
    </button>
  );
}
