import { useCallback } from 'react';
import type { ArbdeskClient } from '../bridge/client';
import { DepthChart } from '../charts/DepthChart';
import { EdgeChart } from '../charts/EdgeChart';
import { EmptyState } from '../components/EmptyState';
import { useAppStore } from '../store/appStore';
import { ConfirmExecuteDialog } from '../trade/ConfirmExecuteDialog';
import { ExecutePanel } from '../trade/ExecutePanel';
import { ExecutionPlan } from '../trade/ExecutionPlan';
import { executeBlockedReason } from '../trade/executeGate';
import { runExecution } from '../trade/executeActions';
import { STRATEGY_LABEL, legLabel } from '../trade/labels';
import { useTradeStore } from '../trade/tradeStore';
import { useAnalysis } from '../trade/useAnalysis';
import { useExecuteShortcut } from '../trade/useExecuteShortcut';
import { useWatchedBooks } from '../trade/useWatchedBooks';
import './Detail.css';

const NO_MARKETS: string[] = [];

export function DetailPane({ client }: { client: ArbdeskClient }) {
  const opportunity = useTradeStore((s) => s.lastSelected);
  const closed = useTradeStore((s) => s.selectedClosed);
  const id = opportunity?.id ?? null;
  const size = useTradeStore((s) => (id === null ? 0 : (s.sizes[id] ?? opportunity!.size)));
  const analysis = useTradeStore((s) => (id === null ? null : (s.analyses[id] ?? null)));
  const analysisError = useTradeStore((s) => (id === null ? null : (s.analysisErrors[id] ?? null)));
  const running = useTradeStore((s) => (id === null ? false : (s.running[id] ?? false)));
  const confirmFor = useTradeStore((s) => s.confirmFor);
  const breaker = useAppStore((s) => s.app?.breaker ?? null);
  const mode = useAppStore((s) => s.app?.mode ?? 'paper');
  const connected = useAppStore((s) => s.connection === 'open');

  const markets = opportunity && !closed ? opportunity.legs.map((l) => l.market) : NO_MARKETS;
  useWatchedBooks(client, markets);
  useAnalysis(client, id, size, !closed);

  const blockedReason = executeBlockedReason({ breaker, opportunity, closed, running, connected });
  const openConfirm = useCallback(() => {
    if (id !== null) useTradeStore.getState().openConfirm(id);
  }, [id]);
  const closeConfirm = useCallback(() => useTradeStore.getState().closeConfirm(), []);
  useExecuteShortcut(blockedReason === null, openConfirm);

  const planned = analysis && analysis.opportunityId === id ? analysis : null;
  return (
    <section id="detail-pane" className="pane pane-detail" aria-labelledby="detail-heading" tabIndex={-1}>
      <h2 id="detail-heading" className="pane-title">Detail</h2>
      {opportunity ? (
        <div className="detail-body">
          <header className="detail-head">
            <b>{STRATEGY_LABEL[opportunity.strategy]}</b> · {opportunity.legs.length} legs · {opportunity.size} contracts
            {closed ? <span className="row-tag">closed</span> : opportunity.stale ? <span className="row-tag">stale</span> : null}
          </header>
          <ExecutionPlan
            opportunity={opportunity}
            analysis={planned}
            error={analysisError}
            size={size}
            onSize={(n) => useTradeStore.getState().setSize(opportunity.id, n)}
          />
          <ExecutePanel opportunity={opportunity} blockedReason={blockedReason} onExecute={openConfirm} />
          <div className="depth-grid">
            {opportunity.legs.map((leg, i) => {
              const al = planned?.legs[i];
              return (
                <DepthChart
                  key={`${leg.market}:${leg.outcome}`}
                  market={leg.market}
                  outcome={leg.outcome}
                  label={legLabel(leg)}
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
              analysis={planned}
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
          Select an opportunity to see the depth chart of every leg, its edge over time, and the execution plan.
        </EmptyState>
      )}
    </section>
  );
}
