// Checks a dataset before it is written or after it is read: unique ids, no dangling flow or link endpoint, every
// record with a source and a year, every estimate with its rule, tonnes and shares in range. Lists every problem.
import { InvalidInputError, type InputProblem } from '../domain/errors.ts';
import { nodeKindOf, type Dataset, type Provenance } from '../domain/model.ts';

export function datasetProblems(dataset: Pick<Dataset, 'nodes' | 'flows' | 'links'>): InputProblem[] {
  const problems: InputProblem[] = [];
  const provenance = (at: string, r: Provenance) => {
    if (typeof r.source !== 'string' || !r.source.trim()) problems.push({ at, field: 'source', message: 'is missing' });
    if (!Number.isInteger(r.year)) problems.push({ at, field: 'year', message: 'is missing or not an integer' });
    if (r.estimated && (typeof r.rule !== 'string' || !r.rule.trim())) {
      problems.push({ at, field: 'rule', message: 'an estimated record must say the rule that produced it' });
    }
  };
  const ids = new Set<string>();
  for (const node of dataset.nodes) {
    if (ids.has(node.id)) problems.push({ at: node.id, field: 'id', message: 'duplicate node id' });
    ids.add(node.id);
    if (nodeKindOf(node.id) !== node.kind) problems.push({ at: node.id, field: 'kind', message: `id prefix does not match kind "${node.kind}"` });
    provenance(node.id, node);
  }
  const flowIds = new Set<string>();
  for (const flow of dataset.flows) {
    if (flowIds.has(flow.id)) problems.push({ at: flow.id, field: 'id', message: 'duplicate flow id' });
    flowIds.add(flow.id);
    if (!ids.has(flow.from)) problems.push({ at: flow.id, field: 'from', message: `unknown node "${flow.from}"` });
    if (!ids.has(flow.to)) problems.push({ at: flow.id, field: 'to', message: `unknown node "${flow.to}"` });
    if (!ids.has(`mineral:${flow.mineral}`)) problems.push({ at: flow.id, field: 'mineral', message: `unknown mineral "${flow.mineral}"` });
    if (flow.tonnes !== null && !(Number.isFinite(flow.tonnes) && flow.tonnes >= 0)) {
      problems.push({ at: flow.id, field: 'tonnes', message: `must be a non-negative number or null, got ${flow.tonnes}` });
    }
    for (const field of ['share', 'importShare'] as const) {
      const v = flow[field];
      if (v !== undefined && v !== null && !(v >= 0 && v <= 1)) problems.push({ at: flow.id, field, message: `must be within 0..1, got ${v}` });
    }
    provenance(flow.id, flow);
  }
  for (const link of dataset.links) {
    const at = `${link.type} ${link.from} -> ${link.to} (${link.year})`;
    if (!ids.has(link.from)) problems.push({ at, field: 'from', message: `unknown node "${link.from}"` });
    if (!ids.has(link.to)) problems.push({ at, field: 'to', message: `unknown node "${link.to}"` });
    provenance(at, link);
  }
  return problems;
}

/** Throws InvalidInputError listing every problem (the first 20 in the message). */
export function assertValidDataset(dataset: Pick<Dataset, 'nodes' | 'flows' | 'links'>, what: string): void {
  const problems = datasetProblems(dataset);
  if (!problems.length) return;
  const shown = problems.slice(0, 20).map((p) => `  ${p.at}: ${p.field}: ${p.message}`).join('\n');
  throw new InvalidInputError(`${what}: ${problems.length} problem(s)\n${shown}${problems.length > 20 ? '\n  ...' : ''}`, problems);
}
