// The accumulator every build step writes into: nodes, flows and links keyed so that a duplicate id is a build
// error (two steps claiming one id means one of them is wrong), plus the year set and rule texts shared by steps.
import { InvalidInputError } from '../../domain/errors.ts';
import type { FacilityNode, FlowRecord, LinkRecord, SupplyNode } from '../../domain/model.ts';

/**
 * The production (and flow) years: 2020..2023e from the MCS 2022-2024 editions (2020 for 12 commodities), 2024 and
 * 2025e from MCS 2026; each year from the latest edition that has it (README "Years").
 */
export const FLOW_YEARS = [2020, 2021, 2022, 2023, 2024, 2025] as const;
/** The first year of the MCS 2026 world table (2024; 2025e is the other). */
export const MCS2026_FIRST_YEAR = 2024;
/** The years of the US salient statistics and net import reliance. */
export const RELIANCE_YEARS = [2021, 2022, 2023, 2024, 2025] as const;

export const MCS = 'USGS, Mineral Commodity Summaries 2026';

export class DatasetBuilder {
  readonly nodes = new Map<string, SupplyNode>();
  readonly flows = new Map<string, FlowRecord>();
  readonly links: LinkRecord[] = [];
  private readonly linkKeys = new Set<string>();

  addNode<T extends SupplyNode>(node: T): T {
    if (this.nodes.has(node.id)) throw new InvalidInputError(`data build: node id "${node.id}" produced twice`);
    this.nodes.set(node.id, node);
    return node;
  }

  node(id: string): SupplyNode | undefined {
    return this.nodes.get(id);
  }

  facility(id: string): FacilityNode | undefined {
    const node = this.nodes.get(id);
    return node && (node.kind === 'mine' || node.kind === 'refiner') ? node : undefined;
  }

  /** Adds a flow with the id `<from>><to>:<mineral>:<year>`. */
  addFlow(flow: Omit<FlowRecord, 'id'>): FlowRecord {
    const id = `${flow.from}>${flow.to}:${flow.mineral}:${flow.year}`;
    if (this.flows.has(id)) throw new InvalidInputError(`data build: flow "${id}" produced twice`);
    // A fixed key order keeps the one-record-per-line files diffable whatever order the steps spread fields in.
    const record: FlowRecord = {
      id,
      from: flow.from,
      to: flow.to,
      mineral: flow.mineral,
      stage: flow.stage,
      tonnes: flow.tonnes,
      ...(flow.share !== undefined ? { share: flow.share } : {}),
      ...(flow.importShare !== undefined ? { importShare: flow.importShare } : {}),
      ...(flow.valueUsd !== undefined ? { valueUsd: flow.valueUsd } : {}),
      year: flow.year,
      source: flow.source,
      ...(flow.estimated !== undefined ? { estimated: flow.estimated } : {}),
      ...(flow.rule !== undefined ? { rule: flow.rule } : {}),
    };
    this.flows.set(id, record);
    return record;
  }

  addLink(link: LinkRecord): void {
    const key = `${link.type}|${link.from}|${link.to}|${link.year}`;
    if (this.linkKeys.has(key)) throw new InvalidInputError(`data build: link ${key} produced twice`);
    this.linkKeys.add(key);
    this.links.push(link);
  }

  /** Flows of one year out of a node. */
  flowsFrom(id: string, year: number): FlowRecord[] {
    const out: FlowRecord[] = [];
    for (const f of this.flows.values()) if (f.from === id && f.year === year) out.push(f);
    return out;
  }
}
