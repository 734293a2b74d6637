import { useEffect, useId, useState } from 'react';
import { sizeProblem } from './sizeRules';

/**
 * The size box: what the trader types stays as typed (never reverted); a size that is not one is
 * said inline and nothing changes; "best N" beside it is the size that nets most on the books now.
 */
export function SizeInput({ size, max, limited = false, onSize }: { size: number; max: number; limited?: boolean; onSize(size: number): void }) {
  const errorId = useId();
  const [text, setText] = useState(String(size));
  // A size set from elsewhere (a new selection) replaces the text; one typed here already matches.
  useEffect(() => {
    setText((t) => (sizeProblem(t) === null && Number(t.replace(/,/g, '')) === size ? t : String(size)));
  }, [size]);
  const problem = sizeProblem(text);
  return (
    <span className="size-input">
      <label>
        Size
        <input
          inputMode="numeric"
          value={text}
          aria-label="Size in contracts"
          aria-invalid={problem !== null}
          aria-describedby={problem ? errorId : undefined}
          onChange={(e) => {
            setText(e.target.value);
            if (sizeProblem(e.target.value) === null) onSize(Number(e.target.value.trim().replace(/,/g, '')));
          }}
        />
        contracts
      </label>
      <button
        type="button"
        className="size-max"
        title={limited ? 'The most profitable size whose worst case fits the per-trade loss limit: click to use it' : 'The size that nets the most on the books now: click to use it'}
        onClick={() => { setText(String(max)); onSize(max); }}
      >
        best {max.toLocaleString('en-US')}
      </button>
      {problem !== null ? <span id={errorId} className="field-error" role="alert">{problem}</span> : null}
    </span>
  );
}
