import { useId, useState, type KeyboardEvent } from 'react';
import { keysText, matchesKeys } from '../../../shared/keys';
import { Dialog } from '../components/Dialog';
import { chordOf, MAC, runAction, useActionReason, useWindowContext } from './actionContext';
import { closePalette, usePalette } from './palette';
import { searchActions } from './paletteSearch';
import { paletteAction, WINDOW_ACTIONS, type WindowAction } from './windowActions';
import './palette.css';

const LISTED = WINDOW_ACTIONS.filter((a) => a !== paletteAction);

/** Ctrl+K: every action by name, with its key binding, and why it cannot run when it cannot. */
export function CommandPalette() {
  const open = usePalette((s) => s.open);
  return open ? <PaletteDialog /> : null;
}

function PaletteDialog() {
  const ctx = useWindowContext();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const items = searchActions(LISTED, query);
  const current = Math.min(active, items.length - 1);
  const optionId = (i: number) => `${listId}-${i}`;

  const choose = (action: WindowAction | undefined) => {
    if (!action || action.enabled(ctx) !== null) return;
    closePalette();
    runAction(action, ctx);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0 && items.length > 0) {
      e.preventDefault();
      setActive((current + step + items.length) % items.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(items[current]);
    } else if (matchesKeys(chordOf(paletteAction)!, e, MAC)) {
      e.preventDefault();
      closePalette();
    }
  };

  return (
    <Dialog title="Command palette" onClose={closePalette}>
      <div className="palette">
        <input
          type="text"
          role="combobox"
          aria-label="Command"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={current >= 0 ? optionId(current) : undefined}
          aria-autocomplete="list"
          placeholder="Type a command"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
        />
        <ul role="listbox" id={listId} aria-label="Commands" className="palette-list">
          {items.map((action, i) => (
            <PaletteOption key={action.id} id={optionId(i)} action={action} active={i === current} onHover={() => setActive(i)} onChoose={() => choose(action)} />
          ))}
        </ul>
        {items.length === 0 ? <p className="muted">No command matches “{query.trim()}”.</p> : null}
      </div>
    </Dialog>
  );
}

interface OptionProps {
  id: string;
  action: WindowAction;
  active: boolean;
  onHover(): void;
  onChoose(): void;
}

function PaletteOption({ id, action, active, onHover, onChoose }: OptionProps) {
  const reason = useActionReason(action);
  const chord = chordOf(action);
  return (
    // Keyboard use goes through the combobox (aria-activedescendant); the mouse picks here.
    <li id={id} role="option" aria-selected={active} aria-disabled={reason !== null} className={`palette-option${active ? ' active' : ''}`} onMouseMove={onHover} onClick={onChoose} title={action.detail}>
      <span className="palette-category">{action.category}:</span> <span className="palette-label">{action.label}</span>
      {reason !== null ? <span className="palette-reason"> — {reason}</span> : null}
      {chord ? <kbd className="palette-keys">{keysText(chord, MAC)}</kbd> : null}
    </li>
  );
}
