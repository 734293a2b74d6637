import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useActionReason } from '../actions/actionContext';
import { executeAction } from '../actions/windowActions';
import type { ArbdeskClient } from '../bridge/client';
import { DepthChart } from '../charts/DepthChart';
import { EdgeChart } from '../charts/EdgeChart';
import { EmptyState } from '../components/EmptyState';
import { nameParts, sharedSubject } from '../names/marketNames';
import { useAppStore } from '../store/appStore';
import { ConfirmExecuteDialog } from '../trade/ConfirmExecuteDialog';
import { ExecutePanel } from '../trade/ExecutePanel';
import { ExecutionPlan, type FrozenPlan } from '../trade/ExecutionPlan';
import { runExecution } from '../trade/executeActions';
import { STRATEGY_LABEL } from '../trade/labels';
import { useTradeStore } from '../trade/tradeStore';
import { useAnalysis } from '../trade/useAnalysis';
import { useExplanation } from '../trade/useExplanation';
import { useWatchedBooks } from '../trade/useWatchedBooks';
import { SpecsSideBySide } from '../trade/SpecsSideBySide';
import { linkOfOpportunity } from '../trade/specText';
import { WhyThisPays } from '../trade/WhyThisPays';
import './Detail.css';

const NO_MARKETS: string[] = [];

export function DetailPane({ client }: { client: ArbdeskClient }) {
  const opportunity = useTradeStore((s) => s.lastSelected);
  const closed = useTradeStore((s) => s.selectedClosed);
  const id = opportunity?.id ?? null;
  const pinned = useTradeStore((s) => (id === null ? undefined : s.sizes[id]));
  const size = pinned ?? opportunity?.size ?? 0;
  const liveAnalysis = useTradeStore((s) => (id === null ? null : (s.analyses[id] ?? null)));
  const lastExecutable = useTradeStore((s) => (id === null ? null : (s.lastExecutable[id] ?? null)));
  const sent = useTradeStore((s) => (id === null ? null : (s.sent[id] ?? null)));
  const explanation = useTradeStore((s) => (id === null ? null : (s.explanations[id] ?? null)));
  const analysisError = useTradeStore((s) => (id === null ? null : (s.analysisErrors[id] ?? null)));
  const confirmFor = useTradeStore((s) => s.confirmFor);
  const mode = useAppStore((s) => s.app?.mode ?? 'paper');
  const links = useAppStore((s) => s.app?.links);
  const pane = useRef<HTMLElement>(null);

  const maxSize = useRef(0);
  maxSize.current = opportunity?.size ?? 0;
  // A chosen row keeps the size it had when chosen: the box no longer follows the market.
  useEffect(() => {
    if (id !== null) useTradeStore.getState().pinSize(id, maxSize.current);
    // Each selection starts at the top of the detail.
    if (pane.current) pane.current.scrollTop = 0;
  }, [id]);

  const markets = opportunity && !closed ? opportunity.legs.map((l) => l.market) : NO_MARKETS;
  useWatchedBooks(client, markets);
  // After a send the plan stays as sent; once closed it stays at its last executable state.
  const frozen: FrozenPlan | null = sent ? { kind: 'sent', at: sent.at } : closed ? { kind: 'closed', at: (lastExecutable ?? liveAnalysis)?.at ?? opportunity?.updatedAt ?? 0 } : null;
  useAnalysis(client, id, size, !closed && frozen === null);
  useExplanation(client, opportunity, links);

  // The Execute action's gate (src/renderer/src/actions/windowActions.ts): the button, E and the palette.
  const blockedReason = useActionReason(executeAction);
  const closeConfirm = useCallback(() => useTradeStore.getState().closeConfirm(), []);

  const live = liveAnalysis && liveAnalysis.opportunityId === id ? liveAnalysis : null;
  const shown = sent ? sent.analysis : closed ? (lastExecutable ?? live) : live;
  const link = useMemo(() => (opportunity ? linkOfOpportunity(links, opportunity) : null), [links, opportunity]);
  const group = useMemo(() => (opportunity ? sharedSubject(opportunity.legs.map(nameParts)) : null), [opportunity]);
  // With the group named in the heading, a leg is its term ("≥ 88°"); otherwise its whole name.
  const names = useMemo(() => new Map((opportunity?.legs ?? []).map((l) => [l.market, group ? (nameParts(l).term ?? nameParts(l).name) : nameParts(l).name] as const)), [opportunity, group]);
  return (
    <section id="detail-pane" ref={pane} className="pane pane-detail" aria-labelledby="detail-heading" tabIndex={-1}>
      <h2 id="detail-heading" className="pane-title">Detail</h2>
      {opportunity ? (
        <div className="detail-body">
          <header className="detail-head">
            <div>
              <b>{STRATEGY_LABEL[opportunity.strategy]}</b> · {opportunity.legs.length} legs · size <b>{(sent?.size ?? size).toLocaleString('en-US')}</b>
              <span className="muted">
                {' '}(most profitable now {opportunity.size.toLocaleString('en-US')}
                {live && live.worstCase.maxSize !== null && live.worstCase.maxSize < opportunity.size ? `; ${live.worstCase.maxSize.toLocaleString('en-US')} within the loss limit` : ''})
              </span>
              {closed ? <span className="row-tag">closed</span> : opportunity.stale ? <span className="row-tag">stale</span> : null}
            </div>
            {group ? <div className="detail-subject">{group.subject}{group.date !== null ? <span className="muted"> · {group.date}</span> : null}</div> : null}
          </header>
          <ExecutionPlan
            opportunity={opportunity}
            analysis={shown}
            error={analysisError}
            size={size}
            frozen={frozen}
            onSize={(n) => useTradeStore.getState().setSize(opportunity.id, n)}
            onReplan={() => useTradeStore.getState().setSent(opportunity.id, null)}
          />
          <ExecutePanel opportunity={opportunity} blockedReason={blockedReason} names={names} />
          <WhyThisPays opportunity={opportunity} explanation={explanation} size={sent?.size ?? size} />
          {link ? <SpecsSideBySide link={link} /> : null}
          <h3 className="detail-sub">Depth</h3>
          <div className="depth-grid">
            {opportunity.legs.map((leg, i) => {
              const al = shown?.legs[i];
              return (
                <DepthChart
                  key={`${leg.market}:${leg.outcome}`}
                  market={leg.market}
                  venue={leg.venue}
                  outcome={leg.outcome}
                  label={`${leg.outcome.toUpperCase()} ${nameParts(leg).name}`}
                  closed={closed}
                  avgPrice={al ? al.avgPrice : leg.avgPrice}
                  worstPrice={al ? al.worstPrice : leg.worstPrice}
                  size={al ? al.size : leg.size}
                />
              );
            })}
          </div>
          <h3 className="detail-sub">Edge over time</h3>
          <EdgeChart opportunityId={opportunity.id} />
          {confirmFor === opportunity.id ? (
            <ConfirmExecuteDialog
              opportunity={opportunity}
              analysis={live}
              size={size}
              mode={mode}
              blockedReason={blockedReason}
              onCancel={closeConfirm}
              onConfirm={() => void runExecution(client, opportunity.id, size)}
            />
          ) : null}
        </div>
      ) : (
        <EmptyState title="Nothing selected">
          Select an opportunity to see why it pays, the execution plan, the depth chart of every leg and its edge over time.
        </EmptyState>
      )}
    </section>
  );
}
