// A seeded synthetic facility-scale supply graph (mines -> refiners -> consuming countries, a few minerals) for
// benchmarks and scale tests, in the dataset schema, plus a plain edge-list serialisation other tools read.
// Sizes are heavy-tailed (Pareto) and link choice preferential, so there are chokepoints to find. O(n + m).
import seedrandom from 'seedrandom';
import type { AbstractGraph, Attributes } from 'graphology-types';
import { buildSupplyGraph, type SupplyGraph } from '../domain/graph.ts';
import type { CountryNode, Dataset, FacilityNode, FlowRecord, MineralNode } from '../domain/model.ts';
import { InvalidInputError } from '../domain/errors.ts';
import { resolveOptions } from './common.ts';

export interface SyntheticOptions {
  /** Total nodes: minerals + countries + mines + refiners. */
  nodes: number;
  /** Total flows (mine -> refiner and refiner -> country), exactly. */
  flows: number;
  seed: string | number;
  minerals: number;
  /** Consuming (and host) countries. */
  countries: number;
  year: number;
  /** Fraction of producers that are mines (the rest refine). */
  mineFraction: number;
  /** Fraction of flows that go mine -> refiner (the rest refiner -> country). */
  mineFlowFraction: number;
  /** Fraction of producers whose capacity is known. */
  capacityKnown: number;
}

export const DEFAULT_SYNTHETIC_OPTIONS: SyntheticOptions = {
  nodes: 5000,
  flows: 50000,
  seed: 'chokepoint',
  minerals: 4,
  countries: 100,
  year: 2025,
  mineFraction: 0.7,
  mineFlowFraction: 0.3,
  capacityKnown: 0.7,
};

const SOURCE = 'Synthetic benchmark graph (src/analysis/synthetic.ts), not real data';

/** Three-letter code for country i: "QAA", "QAB", ... (Q is unused by ISO 3166 alpha-3 user codes here). */
function countryCode(i: number): string {
  const A = 'A'.charCodeAt(0);
  return `Q${String.fromCharCode(A + Math.floor(i / 26) % 26)}${String.fromCharCode(A + (i % 26))}`;
}

/** Draws index i with probability weights[i] / sum, by binary search on the cumulative sums. */
function sampler(weights: number[], random: () => number): () => number {
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) cumulative[i] = sum += weights[i]!;
  return () => {
    const r = random() * sum;
    let lo = 0;
    let hi = weights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** The synthetic dataset (nodes, flows), deterministic for a seed. */
export function syntheticDataset(options: Partial<SyntheticOptions> = {}): Dataset {
  const o = resolveOptions('syntheticSupplyGraph', DEFAULT_SYNTHETIC_OPTIONS, options);
  const producers = o.nodes - o.minerals - o.countries;
  const mineCount = Math.round(producers * o.mineFraction);
  const refinerCount = producers - mineCount;
  const problems: Array<{ field: string; message: string }> = [];
  if (!(o.minerals >= 1 && o.countries >= 1)) problems.push({ field: 'minerals', message: 'need at least one mineral and one country' });
  if (mineCount < o.minerals || refinerCount < o.minerals) {
    problems.push({ field: 'nodes', message: `${o.nodes} nodes leave ${mineCount} mines and ${refinerCount} refiners: need >= ${o.minerals} of each` });
  }
  if (o.flows < mineCount + refinerCount * 2) {
    problems.push({ field: 'flows', message: `${o.flows} flows cannot give every producer a link: need >= ${mineCount + 2 * refinerCount}` });
  }
  if (o.flows > mineCount * refinerCount + refinerCount * o.countries) {
    problems.push({ field: 'flows', message: `${o.flows} flows exceed the distinct producer pairs available` });
  }
  if (problems.length) throw new InvalidInputError(`syntheticSupplyGraph: ${problems.map((p) => p.message).join('; ')}`, problems);

  const random = seedrandom(String(o.seed));
  const pareto = (alpha: number) => Math.pow(1 - random(), -1 / alpha);
  const prov = { source: SOURCE, year: o.year, estimated: true, rule: `synthetic, seed ${String(o.seed)}` };
  const y = String(o.year);

  const minerals: MineralNode[] = [];
  for (let i = 0; i < o.minerals; i++) {
    minerals.push({ id: `mineral:syn${i + 1}`, kind: 'mineral', slug: `syn${i + 1}`, name: `Synthetic mineral ${i + 1}`, units: { mine: 't', refined: 't' }, ...prov });
  }
  const countries: CountryNode[] = [];
  const countryWeights: number[] = [];
  for (let i = 0; i < o.countries; i++) {
    const iso3 = countryCode(i);
    countries.push({ id: `country:${iso3}`, kind: 'country', iso3, name: `Synthetic country ${iso3}`, ...prov });
    countryWeights.push(pareto(1.2));
  }
  const pickCountry = sampler(countryWeights, random);

  // Facilities: mineral round-robin first so every mineral has a mine and a refiner, then at random.
  const makeFacilities = (kind: 'mine' | 'refiner', count: number): FacilityNode[] =>
    Array.from({ length: count }, (_, i) => {
      const slug = `syn${(i < o.minerals ? i : Math.floor(random() * o.minerals)) + 1}`;
      const country = countries[pickCountry()]!.iso3;
      return {
        id: `${kind}:syn-${i}`,
        kind,
        name: `Synthetic ${kind} ${i}`,
        country,
        minerals: [slug],
        mineral: slug,
        stage: kind === 'mine' ? 'mine' : 'refined',
        ...prov,
      } satisfies FacilityNode;
    });
  const mines = makeFacilities('mine', mineCount);
  const refiners = makeFacilities('refiner', refinerCount);

  // Preferential attachment: a few big refiners take most links (the chokepoints).
  const refinersOf = new Map<string, number[]>();
  refiners.forEach((r, i) => {
    const list = refinersOf.get(r.mineral!) ?? [];
    list.push(i);
    refinersOf.set(r.mineral!, list);
  });
  const minesOf = new Map<string, number[]>();
  mines.forEach((m, i) => {
    const list = minesOf.get(m.mineral!) ?? [];
    list.push(i);
    minesOf.set(m.mineral!, list);
  });
  const refinerPick = new Map<string, () => number>();
  for (const [slug, list] of refinersOf) {
    const pick = sampler(list.map(() => pareto(1.1)), random);
    refinerPick.set(slug, () => list[pick()]!);
  }

  const mineLinks: Array<[number, number]> = [];
  const refinerLinks: Array<[number, number]> = [];
  const seen = new Set<number>();
  const addMineLink = (m: number, r: number) => {
    const key = m * refinerCount + r;
    if (seen.has(key)) return false;
    seen.add(key);
    mineLinks.push([m, r]);
    return true;
  };
  const addRefinerLink = (r: number, c: number) => {
    const key = mineCount * refinerCount + r * o.countries + c;
    if (seen.has(key)) return false;
    seen.add(key);
    refinerLinks.push([r, c]);
    return true;
  };
  // Every refiner is fed and every mine delivers; the rest of the mine links at random.
  refiners.forEach((r, i) => {
    const candidates = minesOf.get(r.mineral!)!;
    addMineLink(candidates[Math.floor(random() * candidates.length)]!, i);
  });
  const fed = new Set(mineLinks.map(([m]) => m));
  mines.forEach((m, i) => {
    if (!fed.has(i)) addMineLink(i, refinerPick.get(m.mineral!)!());
  });
  const mineTarget = Math.max(mineLinks.length, Math.round(o.flows * o.mineFlowFraction));
  while (mineLinks.length < mineTarget) {
    const m = Math.floor(random() * mineCount);
    addMineLink(m, refinerPick.get(mines[m]!.mineral!)!());
  }
  refiners.forEach((_r, i) => addRefinerLink(i, pickCountry()));
  while (mineLinks.length + refinerLinks.length < o.flows) {
    addRefinerLink(Math.floor(random() * refinerCount), pickCountry());
  }

  // Tonnes: Pareto outputs split by Dirichlet(1) weights; a refiner passes on what it receives.
  const flows: FlowRecord[] = [];
  let seq = 0;
  const split = <T>(links: Array<[number, T]>, total: (from: number) => number) => {
    const byFrom = new Map<number, Array<[number, T]>>();
    for (const link of links) {
      const list = byFrom.get(link[0]) ?? [];
      list.push(link);
      byFrom.set(link[0], list);
    }
    const out: Array<{ from: number; to: T; tonnes: number; share: number }> = [];
    for (const [from, list] of byFrom) {
      const w = list.map(() => -Math.log(1 - random()) + 1e-9);
      const sum = w.reduce((a, b) => a + b, 0);
      const t = total(from);
      list.forEach(([, to], i) => out.push({ from, to, tonnes: (t * w[i]!) / sum, share: w[i]! / sum }));
    }
    return out;
  };
  const refinerInput = new Float64Array(refinerCount);
  for (const f of split(mineLinks, () => 100 * pareto(1.5))) {
    refinerInput[f.to] += f.tonnes;
    flows.push({ id: `flow:syn-${seq++}`, from: mines[f.from]!.id, to: refiners[f.to]!.id, mineral: mines[f.from]!.mineral!, stage: 'mine', tonnes: f.tonnes, share: f.share, ...prov });
  }
  for (const f of split(refinerLinks, (r) => refinerInput[r]!)) {
    flows.push({ id: `flow:syn-${seq++}`, from: refiners[f.from]!.id, to: countries[f.to]!.id, mineral: refiners[f.from]!.mineral!, stage: 'refined', tonnes: f.tonnes, share: f.share, ...prov });
  }
  const mineOutput = new Map<string, number>();
  for (const f of flows) if (f.stage === 'mine') mineOutput.set(f.from, (mineOutput.get(f.from) ?? 0) + f.tonnes!);
  for (const m of mines) m.output = { [y]: mineOutput.get(m.id) ?? 0 };
  refiners.forEach((r, i) => (r.output = { [y]: refinerInput[i]! }));
  for (const p of [...mines, ...refiners]) {
    if (random() < o.capacityKnown) p.capacity = { [y]: p.output![y]! * (1.1 + 0.4 * random()) };
  }

  return { version: `synthetic-${String(o.seed)}-${o.nodes}-${o.flows}`, nodes: [...minerals, ...countries, ...mines, ...refiners], flows, links: [] };
}

/** The synthetic dataset as a typed SupplyGraph. */
export function syntheticSupplyGraph(options: Partial<SyntheticOptions> = {}): SupplyGraph {
  return buildSupplyGraph(syntheticDataset(options));
}

/**
 * A plain whitespace edge list, one "source target cost" line per edge, nodes numbered by graph.nodes() order.
 * Costs are printed with the shortest exact representation, so another tool reading them sees the same doubles
 * (and the same equal-cost ties).
 */
export function formatEdgeList<N extends Attributes, E extends Attributes>(
  graph: AbstractGraph<N, E>,
  getEdgeCost: (edge: string, attributes: E) => number,
): { nodes: string[]; text: string } {
  const nodes = graph.nodes();
  const index = new Map(nodes.map((n, i) => [n, i]));
  const lines: string[] = [];
  graph.forEachEdge((edge, attributes, source, target) => {
    lines.push(`${index.get(source)} ${index.get(target)} ${getEdgeCost(edge, attributes)}`);
  });
  return { nodes, text: lines.length ? `${lines.join('\n')}\n` : '' };
}
