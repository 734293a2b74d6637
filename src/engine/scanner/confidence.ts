// The confidence score of an opportunity: 100 minus the penalties of named factors, grouped into
// liquidity, execution and timing risk. Every factor is reported, penalty 0 included, so the
// trader sees what was checked and why the score is what it is.

export type RiskKind = 'liquidity' | 'execution' | 'timing';
export type Grade = 'low' | 'medium' | 'high';

export interface Factor {
  risk: RiskKind;
  name: string;
  value: string;
  penalty: number;
  detail: string;
}

export interface Confidence {
  score: number;
  liquidityRisk: Grade;
  executionRisk: Grade;
  timingRisk: Grade;
  factors: Factor[];
}

/** A risk is low below 10 points of penalty, medium below 25, high from 25. */
export function gradeOf(points: number): Grade {
  return points < 10 ? 'low' : points < 25 ? 'medium' : 'high';
}

export function scoreOf(factors: Factor[]): Confidence {
  const sum = (risk: RiskKind) => factors.filter((f) => f.risk === risk).reduce((t, f) => t + f.penalty, 0);
  const liquidity = sum('liquidity');
  const execution = sum('execution');
  const timing = sum('timing');
  return {
    score: Math.max(0, Math.min(100, Math.round(100 - liquidity - execution - timing))),
    liquidityRisk: gradeOf(liquidity),
    executionRisk: gradeOf(execution),
    timingRisk: gradeOf(timing),
    factors,
  };
}
