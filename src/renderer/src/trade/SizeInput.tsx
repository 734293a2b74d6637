import { useEffect, useId, useState } from 'react';

const MAX_SIZE = 10_000_000;

/** Why the text is not a size, or null when it is one. */
export function sizeProblem(text: string): string | null {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return 'Enter a size in contracts';
  if (!/^\d+$/.test(t)) return 'A size is a whole number of contracts, e.g. 250';
  const n = Number(t);
  if (n < 1) return 'The size must be at least 1 contract';
  if (n > MAX_SIZE) return `The size can be at most ${MAX_SIZE.toLocaleString('en-US')} contracts`;
  return null;
}

/**
 * The size box: what the trader types stays as typed (never reverted); a size that is not one is
 * said inline and nothing changes; "best N" beside it is the size that nets most on the books now.
 */
export function SizeInput({ size, max, onSize }: { size: number; max: number; onSize(size: number): void }) {
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
      <button type="button" className="size-max" title="The size that nets the most on the books now: click to use it" onClick={() => { setText(String(max)); onSize(max); }}>
        best {max.toLocaleString('en-US')}
      </button>
      {problem !== null ? <span id={errorId} className="field-error" role="alert">{problem}</span> : null}
    </span>
  );
}
