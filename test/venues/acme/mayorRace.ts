// A listing the tests script on Acme's exchange: one event of three candidates, exactly one of whom
// wins (an exhaustive exclusive set), each market with its own fee coefficient Θ.
import type { AcmeListedEvent, AcmeListedMarket } from './exchange';

const candidate = (slug: string, outcome: string): AcmeListedMarket => ({
  slug,
  question: `Will ${outcome} win the Acme mayoral race?`,
  outcome,
  rules: `Resolves YES if ${outcome} is certified the winner.`,
  theta: '0.05',
  closesAt: '2031-11-05T00:00:00Z',
});

export const MAYOR_RACE: AcmeListedEvent = {
  id: 'mayor-2031',
  title: 'Acme mayoral race 2031',
  category: 'Politics',
  exclusive: true,
  exhaustive: true,
  markets: [candidate('mayor-ada', 'Ada'), candidate('mayor-bo', 'Bo'), candidate('mayor-cy', 'Cy')],
};

/** The markets' references as the engine names them. */
export const MAYOR_RACE_REFS = MAYOR_RACE.markets.map((m) => `acme:${m.slug}`);
