// Resolution sources, table-driven: the index, exchange pair, oracle, agency or weather station a
// market settles on, as a canonical id compared across venues. A source whose station or pair the
// words do not name gets a "?" in its id: the comparison treats it as unknown, not as a match.
import type { SpecSource } from '../../shared/contract/spec';

interface SourceRow {
  id: string;
  match(text: string): SpecSource | null;
}

const PAIR = /\b(BTC|ETH|SOL|XRP|DOGE)\s*[/_-]?\s*(USDT|USDC|USD)\b/i;

/** Weather stations by the names the rules use; the NWS climate report is issued per station (CLI code). */
const CLI_STATIONS: ReadonlyMap<string, string> = new Map([
  ['central park', 'NYC'],
  ['new york city', 'NYC'],
]);
const WU_STATIONS: ReadonlyMap<string, string> = new Map([['laguardia airport station', 'KLGA'], ['laguardia airport', 'KLGA']]);

function cliCode(text: string): string {
  const code = /\bCLI([A-Z]{3})\b/.exec(text);
  if (code) return code[1]!;
  for (const [name, station] of CLI_STATIONS) if (text.toLowerCase().includes(name)) return station;
  return '?';
}

const ROWS: readonly SourceRow[] = [
  {
    id: 'cf-brti',
    match: (t) => (/\bBRTI\b|\bBitcoin Real[- ]Time Index\b/i.test(t) ? { kind: 'index', id: 'cfbenchmarks:BRTI', name: 'CF Benchmarks Bitcoin Real-Time Index (BRTI)' } : null),
  },
  {
    id: 'cf-erti',
    match: (t) => (/\bERTI\b|\bETHUSD_?RTI\b|\bEthereum Real[- ]Time Index\b/i.test(t) ? { kind: 'index', id: 'cfbenchmarks:ETHUSD_RTI', name: 'CF Benchmarks Ethereum Real-Time Index' } : null),
  },
  {
    id: 'cf-rti',
    match(t) {
      const m = /\b([A-Z]{2,5})USD_?RTI\b/.exec(t);
      return m ? { kind: 'index', id: `cfbenchmarks:${m[1]}USD_RTI`, name: `CF Benchmarks ${m[1]}USD Real-Time Index` } : null;
    },
  },
  {
    id: 'chainlink',
    match(t) {
      const m = /data\.chain\.link\/streams\/([a-z0-9]+)-([a-z0-9]+)/i.exec(t);
      if (m) return { kind: 'oracle', id: `chainlink:${m[1]!.toUpperCase()}/${m[2]!.toUpperCase()}`, name: `Chainlink ${m[1]!.toUpperCase()}/${m[2]!.toUpperCase()} data stream` };
      return /\bchainlink\b/i.test(t) ? { kind: 'oracle', id: 'chainlink:?', name: 'Chainlink (feed not named)' } : null;
    },
  },
  {
    id: 'binance',
    match(t) {
      if (!/\bbinance\b/i.test(t)) return null;
      const m = PAIR.exec(t);
      const pair = m ? `${m[1]!.toUpperCase()}/${m[2]!.toUpperCase()}` : '?';
      return { kind: 'exchange', id: `binance:${pair}`, name: `Binance ${m ? pair : '(pair not named)'}` };
    },
  },
  {
    id: 'coinbase',
    match(t) {
      if (!/\bcoinbase\b/i.test(t) || /\bsource like\b/i.test(t)) return null;
      const m = PAIR.exec(t);
      const pair = m ? `${m[1]!.toUpperCase()}-${m[2]!.toUpperCase()}` : '?';
      return { kind: 'exchange', id: `coinbase:${pair}`, name: `Coinbase ${pair}` };
    },
  },
  {
    id: 'weather-company',
    match(t) {
      if (!/\bThe Weather Company\b/i.test(t)) return null;
      const code = cliCode(t);
      return { kind: 'station', id: `twc:CLI${code}`, name: `The Weather Company, station CLI${code}` };
    },
  },
  {
    id: 'nws-cli',
    match(t) {
      if (!/\bclimatological report\b|\bnational weather service\b|\bCLI[A-Z]{3}\b/i.test(t)) return null;
      const code = cliCode(t);
      return { kind: 'agency', id: `nws-cli:${code}`, name: `NWS Climatological Report (Daily), station ${code === '?' ? 'not named' : `CLI${code}`}` };
    },
  },
  {
    id: 'wunderground',
    match(t) {
      if (!/\bwunderground\b/i.test(t)) return null;
      const url = /wunderground\.com\/history\/daily\/\S*?\/([A-Z]{4})\b/.exec(t);
      let station = url?.[1] ?? '?';
      if (station === '?') for (const [name, code] of WU_STATIONS) if (t.toLowerCase().includes(name)) station = code;
      return { kind: 'station', id: `wunderground:${station}`, name: `Weather Underground, station ${station === '?' ? 'not named' : station}` };
    },
  },
  {
    id: 'bls',
    match: (t) => (/\bBureau of Labor Statistics\b|\bBLS\b/.test(t) ? { kind: 'agency', id: 'bls', name: 'US Bureau of Labor Statistics' } : null),
  },
  {
    id: 'fed',
    match: (t) => (/\bFOMC\b|\bFederal Open Market Committee\b|federalreserve\.gov/i.test(t) ? { kind: 'agency', id: 'federal-reserve', name: 'Federal Reserve (FOMC statement)' } : null),
  },
  {
    id: 'spdji',
    match: (t) => (/\bS&P Dow Jones Indices\b/i.test(t) ? { kind: 'index', id: 'spdji', name: 'S&P Dow Jones Indices' } : null),
  },
  {
    id: 'media-consensus',
    match: (t) => (/\bAssociated Press\b/i.test(t) ? { kind: 'media', id: 'media:ap', name: 'Associated Press (and media calls)' } : null),
  },
];

/** The source a resolution sentence names in its own words ("The resolution source for this market will be X."). */
const STATED = [
  /\bresolution source for this market (?:will be|is)\s+(?:information from\s+)?(.+?)(?:,\s*specifically\b|\.(?:\s|$)|$)/i,
  /\bsettlement source is\s+(.+?)(?:,\s*as named\b|\.(?:\s|$)|$)/i,
];

function statedName(name: string): string {
  return name
    .replace(/^(?:the|an?)\s+/i, '')
    .replace(/^official\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function other(name: string): SpecSource {
  const n = statedName(name);
  return { kind: 'other', id: `stated:${n.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()}`, name: n };
}

/** The source of a market: a table row over each text in turn, then the sentence naming it, then the named fields. */
export function sourceOf(texts: readonly string[], named: readonly { name: string; url: string | null }[]): { source: SpecSource; evidence: string } | null {
  const fields = named.map((s) => `${s.name} ${s.url ?? ''}`.trim());
  for (const text of [...texts, ...fields]) {
    for (const row of ROWS) {
      const s = row.match(text);
      if (s) return { source: s, evidence: excerpt(text) };
    }
  }
  for (const text of texts) {
    for (const pattern of STATED) {
      const m = pattern.exec(text);
      if (m && m[1]!.trim() !== '') return { source: other(m[1]!), evidence: m[0] };
    }
  }
  const first = named[0];
  return first ? { source: other(first.name), evidence: `named source: ${first.name}` } : null;
}

function excerpt(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}
