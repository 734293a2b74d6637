export { ceilDiv, floorDiv, gcd, halfUpDiv, lcm, parseRatio, ratioToString, type Ratio } from './exact';
export { feeForFills, feeMicros, feeUnits, type FeeModel } from './feeModel';
export { KALSHI_DEFAULT_MULTIPLIER, KalshiFeeModel } from './kalshi';
export { POLYMARKET_DEFAULT_EXPONENT, POLYMARKET_DEFAULT_RATE, POLYMARKET_MAX_EXPONENT, PolymarketFeeModel } from './polymarket';
