// Real rules texts of both venues, as the venues published them, each with where it was read.
// Texts are verbatim; where a source shows only the rules, the structured fields around them are
// those the source states (strike, times), marked below. Read them with the `arbdesk spec` readers.

export interface CorpusItem {
  id: string;
  venue: 'kalshi' | 'polymarket';
  /** Where the text was read. */
  source: string;
  /** The venue's own JSON, as `arbdesk spec` takes it. */
  payload: Record<string, unknown>;
}

const CF_SERIES = { ticker: 'KXBTCD', settlement_sources: [{ name: 'CF Benchmarks', url: 'https://www.cfbenchmarks.com/' }] };

export const CORPUS: Record<string, CorpusItem> = {
  kalshiBtcDaily: {
    id: 'KXBTCD-25SEP2117-T115749.99',
    venue: 'kalshi',
    // Rules primary/secondary, close 5:00 PM ET and expected expiration 5:05 PM ET as shown on
    // https://www.eventquant.com/charts/?query=KXBTCD-25SEP2117-T115749.99 ; strike_type "greater" as
    // Kalshi's daily crypto series carry it (KXETHD-26AUG17 below, read live 2026-08-17).
    source: 'https://www.eventquant.com/charts/?query=KXBTCD-25SEP2117-T115749.99',
    payload: {
      market: {
        ticker: 'KXBTCD-25SEP2117-T115749.99',
        event_ticker: 'KXBTCD-25SEP2117',
        title: 'Bitcoin price on Sep 21, 2025?',
        yes_sub_title: '$115,750 or above',
        status: 'active',
        close_time: '2025-09-21T21:00:00Z',
        expected_expiration_time: '2025-09-21T21:05:00Z',
        strike_type: 'greater',
        floor_strike: 115749.99,
        rules_primary:
          "If the simple average of the sixty seconds of CF Benchmarks' Bitcoin Real-Time Index (BRTI) before 5 PM EDT is above 115749.99 at 5 PM EDT on Sep 21, 2025, then the market resolves to Yes.",
        rules_secondary:
          "Not all cryptocurrency price data is the same. While checking a source like Google or Coinbase may help guide your decision, the price used to determine this market is based on CF Benchmarks' corresponding Real Time Index (RTI). At the last minute before expiration, 60 RTI prices are collected. The official and final value is the average of these prices.",
      },
      series: CF_SERIES,
    },
  },
  kalshiBtc15m: {
    id: 'KXBTC15M-26AUG170130-30',
    venue: 'kalshi',
    // A public test file of live Kalshi markets "read live from the API on 2026-08-17" (search index
    // file 66150548265): strike_type, floor_strike, settlement_timer_seconds and rules_primary verbatim.
    source: 'public GitHub test fixture of markets read live 2026-08-17 (search index file 66150548265)',
    payload: {
      ticker: 'KXBTC15M-26AUG170130-30',
      title: 'BTC price up in next 15 mins?',
      strike_type: 'greater_or_equal',
      floor_strike: 63485.16,
      settlement_timer_seconds: 1,
      rules_primary:
        "If the simple average of the sixty seconds of CF Benchmarks' BRTI before 1:30 AM EDT on Aug 17, 2026 is at least the simple average of the sixty seconds of CF Benchmarks' BRTI before 1:15 AM EDT on August 17, 2026, then the market resolves to Yes.",
    },
  },
  kalshiEthDaily: {
    id: 'KXETHD-26AUG17',
    venue: 'kalshi',
    source: 'public GitHub test fixture of markets read live 2026-08-17 (search index file 66150548265)',
    payload: {
      ticker: 'KXETHD-26AUG17',
      strike_type: 'greater',
      floor_strike: 2594.99,
      settlement_timer_seconds: 60,
      rules_primary: "If the simple average of the sixty seconds of CF Benchmarks' Ethereum Real-Time Index (ERTI) before 2 AM EDT is above 2594.99 at 2 AM EDT on Aug 17, 2026, then the market resolves to Yes.",
    },
  },
  kalshiDogeCustom: {
    id: 'KXDOGED-26AUG17',
    venue: 'kalshi',
    source: 'public GitHub test fixture of markets read live 2026-08-17 (search index file 66150548265)',
    payload: {
      ticker: 'KXDOGED-26AUG17',
      strike_type: 'custom',
      floor_strike: null,
      settlement_timer_seconds: 1800,
      rules_primary: "If there is a 60 second average of CF Benchmarks' Dogecoin Real-Time Index (DOGEUSD_RTI) before 2 AM EDT is above 0.2449999 at 2 AM EDT.",
    },
  },
  kalshiBtcMaxYear: {
    id: 'KXBTCMAXY-26DEC31-199999.99',
    venue: 'kalshi',
    // Rules and close time as shown on the page; strike_type "greater" as the same series' market
    // KXBTCMAXY-26 carried it when read live (search index file 66150548265).
    source: 'https://markets.bitcoin.com/prediction/kalshi/bitcoin-reaches-$200000-before-2027-KXBTCMAXY-26DEC31',
    payload: {
      ticker: 'KXBTCMAXY-26DEC31-199999.99',
      close_time: '2027-01-01T04:59:00Z',
      strike_type: 'greater',
      floor_strike: 199999.99,
      rules_primary: 'If the Bitcoin spot price according to the CF Bitcoin Real-Time Index is above $199999.99 starting 10/01/2025 10:00 AM and before Dec 31, 2026 at 11:59 PM ET, then the market resolves to Yes.',
      rules_secondary:
        'The market resolves based on the CF Bitcoin Real-Time Index (BRTI) using a trimmed mean calculation. The resolution value is calculated by taking all BRTI values for each minute from market issuance until the specified time on the target date, removing the top 20% and bottom 20% of values, then averaging the remaining 60% of values. If the BRTI crosses the threshold at any point during the measurement period (triggering early expiration), the market immediately resolves. If no data is available at the expiration time, the market resolves to No. The market can resolve early if Bitcoin definitively crosses the threshold before the target date and time.',
    },
  },
  kalshiBtcSep18: {
    id: 'KXBTCD-26SEP1817-T77999.99',
    venue: 'kalshi',
    // A public test file of pairs "excerpted from the live listings on 2026-09-15" (search index file 68336683410).
    source: 'public GitHub test fixture of Kalshi/Polymarket pairs from live listings of 2026-09-15 (search index file 68336683410)',
    payload: {
      ticker: 'KXBTCD-26SEP1817-T77999.99',
      title: 'Bitcoin price on Sep 18, 2026?',
      yes_sub_title: '$78,000 or above',
      strike_type: 'greater',
      floor_strike: 77999.99,
      rules_primary: "If the simple average of the sixty seconds of CF Benchmarks' Bitcoin Real-Time Index (BRTI) before 5 PM EDT is above 77999.99 at 5 PM EDT on Sep 18, 2026, then the market resolves to Yes.",
      rules_secondary: '',
      settlement_sources: [{ name: 'CF Benchmarks', url: 'https://www.cfbenchmarks.com/' }],
    },
  },
  polymarketBtcSep18: {
    id: 'bitcoin-above-78000-on-september-18',
    venue: 'polymarket',
    // Question and description from the same fixture (68336683410); the description is word for
    // word that of every "Bitcoin above ___ on …" event, e.g.
    // https://predictpedia.com/events/MaBQEr/bitcoin-above-___-on-january-19 . endDate: noon ET.
    source: 'search index file 68336683410; https://predictpedia.com/events/MaBQEr/bitcoin-above-___-on-january-19',
    payload: {
      conditionId: `0x${'1'.repeat(64)}`,
      question: 'Will the price of Bitcoin be above $78,000 on September 18?',
      groupItemTitle: '78,000',
      endDate: '2026-09-18T16:00:00Z',
      description:
        'This market will resolve to "Yes" if the Binance 1 minute candle for BTC/USDT 12:00 in the ET timezone (noon) on the date specified in the title has a final "Close" price higher than the price specified in the title. Otherwise, this market will resolve to "No". The resolution source for this market is Binance, specifically the BTC/USDT "Close" prices currently available at https://www.binance.com/en/trade/BTC_USDT with "1m" and "Candles" selected on the top bar.',
      resolutionSource: 'https://www.binance.com/en/trade/BTC_USDT',
      umaResolutionStatus: '',
    },
  },
  polymarketBtcJan19: {
    id: 'bitcoin-above-on-january-19',
    venue: 'polymarket',
    source: 'https://predictpedia.com/events/MaBQEr/bitcoin-above-___-on-january-19',
    payload: {
      conditionId: `0x${'2'.repeat(64)}`,
      question: 'Will the price of Bitcoin be above $92,000 on January 19?',
      endDate: '2026-01-19T17:00:00Z',
      description:
        'This market will resolve to "Yes" if the Binance 1 minute candle for BTC/USDT 12:00 in the ET timezone (noon) on the date specified in the title has a final "Close" price higher than the price specified in the title. Otherwise, this market will resolve to "No". The resolution source for this market is Binance, specifically the BTC/USDT "Close" prices currently available at https://www.binance.com/en/trade/BTC_USDT with "1m" and "Candles" selected on the top bar.',
    },
  },
  polymarketBtcReach: {
    id: 'will-bitcoin-reach-150000-by-december-31-2026',
    venue: 'polymarket',
    // The rule quoted whole ("a regra, íntegra") for slug will-bitcoin-reach-150000-by-december-31-2026
    // in a public report (search index file 62140063204).
    source: 'public report quoting the rule of will-bitcoin-reach-150000-by-december-31-2026 (search index file 62140063204)',
    payload: {
      conditionId: `0x${'3'.repeat(64)}`,
      question: 'Will Bitcoin reach $150,000 by December 31, 2026?',
      endDate: '2027-01-01T04:59:00Z',
      description:
        'This market will immediately resolve to "Yes" if any Binance 1 minute candle for Bitcoin (BTC/USDT) between November 24, 2025, 14:00 and December 31, 2026, 23:59 in the ET timezone has a final "High" price equal to or greater than the price specified in the title. Otherwise, this market will resolve to "No."\n\nThe resolution source for this market is Binance, specifically the BTC/USDT "High" prices available at https://www.binance.com/en/trade/BTC_USDT, with the chart settings on "1m" for one-minute candles selected on the top bar.',
    },
  },
  polymarketBtcTwap: {
    id: 'btc-updown-5m-1787414400',
    venue: 'polymarket',
    source: 'nautechsystems/nautilus_trader crates/adapters/polymarket/test_data/gamma_market_crypto_twap.json (captured 2026-08-23)',
    payload: {
      id: '3763487',
      conditionId: '0x2eea28aa905ace2f5cace17ea2b9e0e7b85a27f32ee14ed292f02fa104956bc4',
      question: 'Bitcoin Up or Down - August 22, 12:00PM-12:05PM ET',
      startDate: '2026-08-21T16:08:38.248161Z',
      endDate: '2026-08-22T16:05:00Z',
      active: true,
      closed: false,
      resolutionSource: 'https://data.chain.link/streams/btc-usd-twap-60s-streams',
    },
  },
  kalshiNycTwc: {
    id: 'KXHIGHNY-26SEP15-B72.5',
    venue: 'kalshi',
    // 68336683410; floor 72 / cap 73 from the ticker's B72.5 bucket and "72° to 73°".
    source: 'search index file 68336683410 (live listings of 2026-09-15)',
    payload: {
      ticker: 'KXHIGHNY-26SEP15-B72.5',
      title: 'Will the maximum temperature be 72-73° on Sep 15, 2026?',
      yes_sub_title: '72° to 73°',
      strike_type: 'between',
      floor_strike: 72,
      cap_strike: 73,
      rules_primary: 'If the maximum temperature recorded at New York City (CLINYC) for Sep 15, 2026, is between 72-73° fahrenheit according to The Weather Company, then the market resolves to Yes.',
      rules_secondary: '',
    },
  },
  kalshiNycNws: {
    id: 'KXHIGHNY-26AUG12-T90',
    venue: 'kalshi',
    // The wording before Kalshi moved weather markets to The Weather Company (search index file 60157480271).
    source: 'public GitHub test quoting the previous KXHIGHNY wording (search index file 60157480271)',
    payload: {
      ticker: 'KXHIGHNY-26AUG12-T90',
      strike_type: 'greater',
      floor_strike: 90,
      rules_primary: "If the highest temperature recorded in Central Park, New York for August 12, 2026 as reported by the National Weather Service's Climatological Report (Daily), is greater than 90°, then the market resolves to Yes.",
    },
  },
  polymarketNycSep15: {
    id: 'highest-temperature-in-nyc-on-september-15-72-73f',
    venue: 'polymarket',
    source: 'search index file 68336683410 (live listings of 2026-09-15)',
    payload: {
      conditionId: `0x${'4'.repeat(64)}`,
      question: 'Will the highest temperature in New York City be between 72-73°F on September 15?',
      groupItemTitle: '72-73°F',
      endDate: '2026-09-15T12:00:00Z',
      description: "This market will resolve to the temperature range that contains the highest temperature recorded by NOAA at the LaGuardia Airport Station in degrees Fahrenheit on 15 Sep '26.",
      resolutionSource: 'https://www.weather.gov/wrh/timeseries?site=klga',
    },
  },
  polymarketNycApr26: {
    id: 'highest-temperature-in-nyc-on-april-26-2026',
    venue: 'polymarket',
    // Rules verbatim from the page; question and bracket in Polymarket's form for the event's 64-65°F market.
    source: 'https://prescient.markets/markets/highest-temperature-in-nyc-on-april-26-2026',
    payload: {
      conditionId: `0x${'5'.repeat(64)}`,
      question: 'Will the highest temperature in New York City be between 64-65°F on April 26?',
      groupItemTitle: '64-65°F',
      endDate: '2026-04-26T12:00:00Z',
      description:
        "This market will resolve to the temperature range that contains the highest temperature recorded at the LaGuardia Airport Station in degrees Fahrenheit on 26 Apr '26. The resolution source for this market will be information from Wunderground, specifically the highest temperature recorded for all times on this day by the Forecast for the LaGuardia Airport Station once information is finalized, available here: https://www.wunderground.com/history/daily/us/ny/new-york-city/KLGA. To toggle between Fahrenheit and Celsius, click the gear icon next to the search bar and switch the Temperature setting between °F and °C. This market can not resolve to \"Yes\" until all data for this date has been finalized. The resolution source for this market measures temperatures to whole degrees Fahrenheit (eg, 21°F). Thus, this is the level of precision that will be used when resolving the market. Any revisions to temperatures recorded after data is finalized for this market's timeframe will not be considered for this market's resolution.",
    },
  },
  polymarketNycJun2Bucket: {
    id: 'highest-temperature-in-nyc-on-june-2-2026-76-77f',
    venue: 'polymarket',
    source: 'https://polymarket.copilot.markets/pt/event/highest-temperature-in-nyc-on-june-2-2026',
    payload: {
      conditionId: `0x${'6'.repeat(64)}`,
      question: 'Will the highest temperature in New York City be between 76-77°F on June 2?',
      groupItemTitle: '76-77°F',
      endDate: '2026-06-02T12:00:00Z',
      description:
        "This market will resolve to the temperature range that contains the highest temperature recorded at the LaGuardia Airport Station in degrees Fahrenheit on 2 Jun '26. The resolution source for this market will be information from Wunderground, specifically the highest temperature recorded for all times on this day for the LaGuardia Airport Station, available here: https://www.wunderground.com/history/daily/us/ny/new-york-city/KLGA.",
    },
  },
  polymarketNycJun2Cumulative: {
    id: 'highest-temperature-in-nyc-on-june-2-2026-84f-or-higher',
    venue: 'polymarket',
    source: 'https://polymarket.copilot.markets/pt/event/highest-temperature-in-nyc-on-june-2-2026',
    payload: {
      conditionId: `0x${'7'.repeat(64)}`,
      question: 'Will the highest temperature in New York City be 84°F or higher on June 2?',
      groupItemTitle: '84°F or higher',
      endDate: '2026-06-02T12:00:00Z',
      description:
        "This market will resolve to the temperature range that contains the highest temperature recorded at the LaGuardia Airport Station in degrees Fahrenheit on 2 Jun '26. The resolution source for this market will be information from Wunderground, specifically the highest temperature recorded for all times on this day for the LaGuardia Airport Station, available here: https://www.wunderground.com/history/daily/us/ny/new-york-city/KLGA.",
    },
  },
  kalshiCpi: {
    id: 'KXECONSTATCPIYOY-26SEP-T3.5',
    venue: 'kalshi',
    source: 'search index file 68336683410 (live listings of 2026-09-15)',
    payload: {
      ticker: 'KXECONSTATCPIYOY-26SEP-T3.5',
      title: 'CPI year-over-year in Sep 2026?',
      yes_sub_title: 'Exactly 3.5%',
      rules_primary: 'If the CPI year-over-year is exactly 3.5% in Sep 2026, then the market resolves to Yes.',
      rules_secondary: '',
    },
  },
  polymarketCpi: {
    id: 'september-inflation-us-annual-3-5',
    venue: 'polymarket',
    source: 'search index file 68336683410 (live listings of 2026-09-15)',
    payload: {
      conditionId: `0x${'8'.repeat(64)}`,
      question: 'Will annual inflation be 3.5% in September?',
      groupItemTitle: '3.5%',
      description: 'This is a market about inflation over the 12-month period ending September 2026, before seasonal adjustment, as reported by the Bureau of Labor Statistics.',
      events: [{ title: 'September Inflation US - Annual' }],
    },
  },
  polymarketFed: {
    id: 'fed-decreases-interest-rates-by-25-bps-after-december-2025-meeting',
    venue: 'polymarket',
    // Rules as on the event page; the market's question and bracket as on https://predictlens.xyz/markets/570361 .
    source: 'https://polymarket.com/event/fed-decision-in-december',
    payload: {
      conditionId: `0x${'9'.repeat(64)}`,
      question: 'Fed decreases interest rates by 25 bps after December 2025 meeting?',
      groupItemTitle: '25 bps decrease',
      endDate: '2025-12-10T00:00:00Z',
      description:
        "The FED interest rates are defined in this market by the upper bound of the target federal funds range. The decisions on the target federal fund range are made by the Federal Open Market Committee (FOMC) meetings.\nThis market will resolve to the amount of basis points the upper bound of the target federal funds rate is changed by versus the level it was prior to the Federal Reserve's December 2025 meeting.\nIf the target federal funds rate is changed to a level not expressed in the displayed options, the change will be rounded up to the nearest 25 and will resolve to the relevant bracket. (e.g. if there's a cut/increase of 12.5 bps it will be considered to be 25 bps)\nThe resolution source for this market is the FOMC’s statement after its meeting scheduled for December 9 - 10, 2025 according to the official calendar: https://www.federalreserve.gov/monetarypolicy/fomccalendars.htm.\nThe level and change of the target federal funds rate is also published at the official website of the Federal Reserve at https://www.federalreserve.gov/monetarypolicy/openmarket.htm.\nThis market may resolve as soon as the FOMC’s statement for their December meeting with relevant data is issued. If no statement is released by the end date of the next scheduled meeting, this market will resolve to the \"No change\" bracket.",
    },
  },
  polymarketFed2023: {
    id: 'fed-interest-rates-december-2023-0-bps',
    venue: 'polymarket',
    source: 'https://polymarket.com/ja/event/fed-interest-rates-december-2023',
    payload: {
      conditionId: `0x${'a'.repeat(64)}`,
      question: 'Fed interest rates: 0 bps increase in December 2023?',
      groupItemTitle: '0 bps increase?',
      description:
        "The FED interest rates are defined in this market by the upper bound of the target federal funds range. The decisions on the target federal fund range are made by the Federal Open Market Committee (FOMC) meetings.\nThis market will resolve to “Yes” if following the Federal Reserve's December 2023 meeting the upper bound of the target federal funds rate is exactly the same as the level it was prior to the meeting (namely it increased 0 bps). Otherwise, it will resolve to “No.”\nThe resolution source for this market is the FOMC’s statement after its meeting scheduled for December 12 - 13, 2023 according to the official calendar: https://www.federalreserve.gov/monetarypolicy/fomccalendars.htm.\nThis market may resolve as soon as the FOMC’s statement for their December meeting with relevant data is issued. If no statement is released by December 20, 2023, 11:59 PM ET, this market will resolve 50-50.",
    },
  },
  polymarketNewsom: {
    id: 'will-gavin-newsom-win-the-2028-democratic-presidential-nomination-568',
    venue: 'polymarket',
    source: 'nautechsystems/nautilus_trader crates/adapters/polymarket/test_data/gamma_market_live.json',
    payload: {
      id: '559652',
      question: 'Will Gavin Newsom win the 2028 Democratic presidential nomination?',
      conditionId: '0x0f49db97f71c68b1e42a6d16e3de93d85dbf7d4148e3f018eb79e88554be9f75',
      slug: 'will-gavin-newsom-win-the-2028-democratic-presidential-nomination-568',
      resolutionSource: '',
      endDate: '2028-11-07T00:00:00Z',
      description:
        'This market will resolve to “Yes” if the named individual wins and accepts the 2028 nomination of the Democratic Party for U.S. president. Otherwise, this market will resolve to “No”.\n\nThe resolution source for this market will be a consensus of official Democratic Party sources.\n\nAny replacement of the democratic nominee before election day will not change the resolution of the market.',
      outcomes: '["Yes", "No"]',
      active: true,
      closed: false,
      groupItemTitle: 'Gavin Newsom',
      umaResolutionStatuses: '[]',
      events: [{ id: '30829', title: 'Democratic Presidential Nominee 2028' }],
    },
  },
  kalshiVance: {
    id: 'KXPRESNOMR-28-JDV',
    venue: 'kalshi',
    source: 'search index file 68336683410 (live listings of 2026-09-15)',
    payload: {
      ticker: 'KXPRESNOMR-28-JDV',
      title: 'Will J.D. Vance be the nominee for the Presidency for the Republican party?',
      yes_sub_title: 'J.D. Vance',
      rules_primary: 'If J.D. Vance wins and accepts the nomination for the Presidency for the Republican party in 2028, then the market resolves to Yes.',
      rules_secondary: '',
    },
  },
  polymarketVance: {
    id: 'will-jd-vance-win-the-2028-republican-presidential-nomination',
    venue: 'polymarket',
    source: 'search index file 68336683410 (live listings of 2026-09-15)',
    payload: {
      conditionId: `0x${'b'.repeat(64)}`,
      question: 'Will J.D. Vance win the 2028 Republican presidential nomination?',
      groupItemTitle: 'J.D. Vance',
      description:
        'This market will resolve to “Yes” if the named individual wins and accepts the 2028 nomination of the Republican Party for U.S. president. Any replacement of the Republican nominee before election day will not change the resolution of the market.',
      events: [{ title: 'Republican Presidential Nominee 2028' }],
    },
  },
};
