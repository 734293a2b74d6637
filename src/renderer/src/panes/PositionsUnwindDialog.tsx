import type { PositionsView } from '../../../shared/contract';
import { Dialog } from '../components/Dialog';
import { formatUsd } from '../format';
import { nameParts } from '../names/marketNames';
import { VenueChip } from '../names/VenueChip';

type Basket = PositionsView['baskets'][number];

export function PositionsUnwindDialog({ basket, onConfirm, onCancel }: { basket: Basket; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Dialog title="Unwind this basket?" onClose={onCancel}>
      <p>
        Basket <code>{basket.id}</code> holds {basket.unmatched} contract(s) beyond its {basket.matched} complete basket(s):
        {' '}{formatUsd(basket.openExposure)} at directional risk.
      </p>
      <ul className="position-legs">
        {basket.legs.map((l) => (
          <li key={`${l.market}-${l.outcome}`}><VenueChip venue={l.venue} /> {l.contracts} {l.outcome.toUpperCase()} {nameParts(l).name}</li>
        ))}
      </ul>
      <p className="muted">
        The unwind policy runs again: it completes the lagging leg if the book still allows it within the limits, otherwise it sells the excess.
        Orders are sent in the current mode.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} data-autofocus>Cancel</button>
        <button type="button" className="primary" onClick={onConfirm}>Unwind</button>
      </div>
    </Dialog>
  );
}
