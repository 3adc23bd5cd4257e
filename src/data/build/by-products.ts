// BY_PRODUCT_OF links companion -> host from src/data/sources/by-products.ts: one link per entry whose two minerals
// are in the dataset (an entry naming a mineral the dataset lacks, such as a future alumina stage, waits for it).
import type { ByProductRecord } from '../../domain/model.ts';
import { BY_PRODUCTS, NASSAR_2015, QUALITATIVE_SHARE_RULE } from '../sources/by-products.ts';
import type { DatasetBuilder } from './context.ts';

export function addByProductLinks(builder: DatasetBuilder): number {
  let count = 0;
  for (const entry of BY_PRODUCTS) {
    const from = `mineral:${entry.companion}`;
    const to = `mineral:${entry.host}`;
    if (!builder.node(from) || !builder.node(to)) continue;
    const [low, high] = entry.shareRange;
    const record: ByProductRecord = {
      type: 'BY_PRODUCT_OF',
      from,
      to,
      share: (low + high) / 2,
      shareRange: [low, high],
      statement: entry.statement,
      source: `${entry.source}; framework: ${NASSAR_2015}`,
      year: entry.year,
      estimated: true,
      rule: QUALITATIVE_SHARE_RULE,
    };
    builder.addLink(record);
    count++;
  }
  return count;
}
