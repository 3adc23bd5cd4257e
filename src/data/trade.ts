// The shipped trade series (graph/data/trade-series.json, built by `npm run data:build` from the CEPII BACI extract),
// read once per process for the CLI and the API.
import { DEFAULT_DATA_DIR } from './index.ts';
import { readTradeSeries, type TradeSeries } from './build/trade-series.ts';

let cache: Promise<TradeSeries | null> | undefined;

export function shippedTradeSeries(dir = DEFAULT_DATA_DIR): Promise<TradeSeries | null> {
  if (dir !== DEFAULT_DATA_DIR) return readTradeSeries(dir);
  cache ??= readTradeSeries(dir);
  return cache;
}
