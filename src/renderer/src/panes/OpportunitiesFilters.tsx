import { useEffect, useRef, useState } from 'react';
import { STRATEGY_IDS, type StrategyId } from '../../../shared/contract';
import type { VenueId } from '../../../shared/ids';
import { isDecimal } from '../lib/decimal';
import { useAppStore } from '../store/appStore';
import { STRATEGY_LABEL } from '../trade/labels';
import { venueManifests } from '../names/venues';
import { useTradeStore } from '../trade/tradeStore';
import { fractionOfPercent, percentOfFraction } from '../trade/capitalLabels';

export function OpportunitiesFilters({ shown, total }: { shown: number; total: number }) {
  const filter = useTradeStore((s) => s.filter);
  const setFilter = useTradeStore((s) => s.setFilter);
  const [minText, setMinText] = useState(filter.minProfit ?? '');
  const minInvalid = minText.trim() !== '' && !isDecimal(minText.trim());
  const [yearText, setYearText] = useState(filter.minAnnualised ? percentOfFraction(filter.minAnnualised) : '');
  const yearInvalid = yearText.trim() !== '' && !isDecimal(yearText.trim());
  // The minimum per year in Settings is the default: it applies until the trader types another here.
  const yearDefault = useAppStore((s) => s.app?.preferences?.minAnnualisedReturn ?? null);
  const yearTyped = useRef(false);
  useEffect(() => {
    if (yearTyped.current) return;
    setFilter({ minAnnualised: yearDefault });
    setYearText(yearDefault ? percentOfFraction(yearDefault) : '');
  }, [yearDefault, setFilter]);

  return (
    <div className="opp-filters" role="group" aria-label="Filter opportunities">
      <label>
        Strategy
        <select value={filter.strategy ?? ''} onChange={(e) => setFilter({ strategy: (e.target.value || null) as StrategyId | null })}>
          <option value="">All</option>
          {STRATEGY_IDS.map((s) => <option key={s} value={s}>{STRATEGY_LABEL[s]}</option>)}
        </select>
      </label>
      <label>
        Min profit $
        <input
          className="min-profit"
          inputMode="decimal"
          placeholder="0.00"
          value={minText}
          aria-invalid={minInvalid}
          aria-describedby={minInvalid ? 'min-profit-error' : undefined}
          onChange={(e) => {
            const text = e.target.value;
            setMinText(text);
            const t = text.trim();
            if (t === '') setFilter({ minProfit: null });
            else if (isDecimal(t)) setFilter({ minProfit: t });
          }}
        />
      </label>
      {minInvalid ? <span id="min-profit-error" className="danger">Min profit must be a number of dollars, e.g. 0.50</span> : null}
      <label title={`Least return per year on the capital locked until resolution; rows whose resolution time is unknown are left out.${yearDefault ? ` Default ${percentOfFraction(yearDefault)} % (Settings → Returns).` : ''}`}>
        Min per year %
        <input
          className="min-annualised"
          inputMode="decimal"
          placeholder="any"
          value={yearText}
          aria-invalid={yearInvalid}
          onChange={(e) => {
            const text = e.target.value;
            yearTyped.current = true;
            setYearText(text);
            const t = text.trim();
            if (t === '') setFilter({ minAnnualised: null });
            else if (isDecimal(t)) setFilter({ minAnnualised: fractionOfPercent(t) });
          }}
        />
      </label>
      {yearInvalid ? <span className="danger">Min per year must be a percentage, e.g. 10</span> : null}
      <label>
        Venue
        <select value={filter.venue ?? ''} onChange={(e) => setFilter({ venue: (e.target.value || null) as VenueId | null })}>
          <option value="">{venueManifests().length === 2 ? 'Both' : 'All'}</option>
          {venueManifests().map((v) => <option key={v.venue} value={v.venue}>{v.name}</option>)}
        </select>
      </label>
      <span className="opp-count muted" aria-live="polite">
        {shown === total ? `${total}` : `${shown} of ${total}`} open
      </span>
    </div>
  );
}
