// The on-disk form of the shipped dataset: JSON arrays with one record per line (diffable), and the content hash
// that is the dataset version (first 12 hex of sha256 over the three record files, in a fixed order).
import { createHash } from 'node:crypto';

export function serializeRecords(records: readonly unknown[]): string {
  if (!records.length) return '[]\n';
  return `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
}

export function datasetVersion(nodesText: string, flowsText: string, linksText: string): string {
  return createHash('sha256').update(nodesText).update('\0').update(flowsText).update('\0').update(linksText).digest('hex').slice(0, 12);
}
