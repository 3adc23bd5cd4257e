// Analysis commands: chokepoints, impact, risk, centrality, dependencies and named scenarios.
import type { Command } from 'commander';
import { InvalidInputError, UnsupportedError } from '../../domain/errors.ts';
import { centrality, chokepoints, dependencies, impact, perspectiveRisk, supplyRisk, CHOKEPOINT_LEVELS, type ChokepointLevel } from '../../analysis/index.ts';
import { formatRemoval, parseRemoval } from '../../analysis/impact.ts';
import type { CentralityMetric, ImpactModel, ImpactRequest, ImpactResult, ProductionStage } from '../../analysis/types.ts';
import { getScenario, listScenarios } from '../../data/scenarios.ts';
import { impactSpan, parseYearSpan } from '../../analysis/span.ts';
import { int, num, pct, type CliContext } from '../context.ts';


/** `--limit`: 0 means every row, otherwise a whole number of rows >= 1. */
const limitOption = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidInputError(`--limit must be 0 (every row) or a whole number >= 1, got "${value}"`);
  return n;
};

function oneOf<T extends string>(name: string, allowed: readonly T[]) {
  return (value: string): T => {
    if (!(allowed as readonly string[]).includes(value)) throw new InvalidInputError(`--${name} must be one of ${allowed.join(', ')}; got "${value}"`);
    return value as T;
  };
}

export function registerAnalysis(program: Command, ctx: CliContext): void {
  program
    .command('chokepoints')
    .description('rank every producer of each mineral and stage by the share of world supply lost if it is removed')
    .option('--mineral <slug>', 'one mineral, e.g. beryllium')
    .option('--stage <stage>', 'mine | refined', oneOf<ProductionStage>('stage', ['mine', 'refined']))
    .option('--year <year>', 'data year (default: latest)', int('year'))
    .option('--limit <n>', 'rows per mineral, stage and level; 0 = all', limitOption, 10)
    .option('--level <level>', 'country | facility (named mines and refiners) | all (grouped by level, ranked per level)', oneOf<ChokepointLevel>('level', CHOKEPOINT_LEVELS), 'country')
    .option('--by-products', "also rank the producers of each mineral's hosts by the companion supply their removal takes (share x host loss; default off)")
    .option('--json', 'array of {node, name, mineral, stage, share, hhi, impactShare, estimated, ...}')
    .action(async (opts: { mineral?: string; stage?: ProductionStage; year?: number; limit: number; level: ChokepointLevel; byProducts?: boolean; json?: boolean }) => {
      const rows = chokepoints(await ctx.graph(), { mineral: opts.mineral, stage: opts.stage, year: opts.year, limit: opts.limit || undefined, level: opts.level, byProducts: opts.byProducts === true });
      if (opts.json) return ctx.json(rows);
      const levelColumn = opts.level === 'all' ? ['level'] : [];
      ctx.table(
        ['rank', ...levelColumn, 'mineral', 'stage', 'node', 'name', 'share', 'impact', 'production HHI', 'consumers hit', 'country risk'],
        rows.map((r) => [r.rank, ...(opts.level === 'all' ? [r.level] : []), r.mineral, r.stage, r.node, r.via ? `${r.name} (via ${r.via.host}, ${pct(r.via.share, 0)})` : r.name, `${pct(r.share)}${r.estimated ? ' (est.)' : ''}`, pct(r.impactShare), r.hhi === null ? 'n/a' : num(r.hhi), r.consumersHit, r.countryRisk === null ? '' : r.countryRisk.toFixed(2)]),
      );
      if (rows.some((r) => r.estimated)) ctx.note('(est.): the share rests on a modelling estimate; --json gives each row its rule');
    });

  program
    .command('impact')
    .description('who loses how much of which mineral if these nodes are removed (country:CHN/gallium = an export ban)')
    .requiredOption('--remove <ids>', 'comma-separated node ids, e.g. country:BRA or country:CHN/gallium; add @severity for a partial removal (the fraction of that supply lost, 0 < s <= 1), e.g. country:CHN/gallium@0.4')
    .option('--mineral <slug>', 'only this mineral')
    .option('--model <model>', 'proportional | rerouting', oneOf<ImpactModel>('model', ['proportional', 'rerouting']), 'proportional')
    .option('--year <year>', 'data year (default: latest)', int('year'))
    .option('--engine <engine>', "graphology (in process, default) | gds (the rerouting model's max-flow on Neo4j Graph Data Science)", oneOf('engine', ['graphology', 'gds'] as const), 'graphology')
    .option('--years <span>', 'a row per year of a span, e.g. 2018-2024 (instead of --year)')
    .option('--draws <n>', 'Monte-Carlo draws for the uncertainty ranges (default 200; 0 = no ranges)', int('draws'))
    .option('--seed <n>', 'seed of the draws (default 1)', int('seed'))
    .option('--no-by-products', 'do not propagate host losses to their by-products (BY_PRODUCT_OF links)')
    .option('--json', '{removed, model, minerals: [...], consumers: [...], byProducts: [...]}')
    .action(async (opts: { remove: string; mineral?: string; model: ImpactModel; year?: number; years?: string; engine: 'graphology' | 'gds'; draws?: number; seed?: number; byProducts: boolean; json?: boolean }) => {
      const remove = opts.remove.split(',').map((s) => s.trim()).filter(Boolean);
      if (opts.years !== undefined) {
        const spanRequest = {
          remove,
          mineral: opts.mineral,
          model: opts.model,
          byProducts: opts.byProducts,
          ...(opts.draws !== undefined ? { draws: opts.draws } : {}),
          ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        };
        return printImpactSpan(ctx, await ctx.graph(), spanRequest, opts);
      }
      const request = {
        remove,
        mineral: opts.mineral,
        model: opts.model,
        year: opts.year,
        byProducts: opts.byProducts,
        ...(opts.draws !== undefined ? { draws: opts.draws } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      };
      const result = opts.engine === 'gds' ? await gdsImpactFor(ctx, request) : impact(await ctx.graph(), request);
      if (opts.json) return ctx.json(result);
      printImpact(ctx, result);
    });

  program
    .command('risk')
    .description('WGI-weighted supply risk per mineral and stage (seed 003 eq. 4-7), with the 2-means low/high threshold')
    .option('--mineral <slug>', 'one mineral')
    .option('--year <year>', 'production year (default: latest)', int('year'))
    .option('--perspective <iso3|EU>', 'importer perspective: EU CRM supply risk SR (Blengini et al. 2017), gross, for a country or the EU-27')
    .option('--json', 'machine-readable output')
    .action(async (opts: { mineral?: string; year?: number; perspective?: string; json?: boolean }) => {
      if (opts.perspective !== undefined) {
        const report = perspectiveRisk(await ctx.graph(), { perspective: opts.perspective, mineral: opts.mineral, year: opts.year });
        if (opts.json) return ctx.json(report);
        ctx.out(`Supply risk from the ${report.perspective} perspective, ${report.year}: ${report.method}`);
        ctx.table(
          ['mineral', 'stage', 'SR (gross)', 'IR', 'HHI_WGI supply', 'HHI_WGI sourcing', 'top suppliers'],
          report.risks.map((r) => [r.mineral, r.stage ?? '', r.sr.toFixed(4), pct(r.ir, 0), r.hhiWgiSupply.toFixed(4), r.hhiWgiSourcing.toFixed(4), r.topSuppliers.slice(0, 3).map((s) => `${s.country.replace('country:', '')} ${pct(s.share, 0)}`).join(', ')]),
        );
        for (const note of report.notes) ctx.out(`note: ${note}`);
        return;
      }
      const report = supplyRisk(await ctx.graph(), { mineral: opts.mineral, year: opts.year });
      if (opts.json) return ctx.json(report);
      ctx.table(
        ['mineral', 'stage', 'year', 'R raw', 'R', 'level', 'WGI coverage'],
        [...report.risks].sort((a, b) => b.risk - a.risk).map((r) => [r.mineral, r.stage, r.year, r.rawRisk.toFixed(4), r.risk.toFixed(3), r.level, pct(r.coverage, 0)]),
      );
      // The WGI year of the rows shown: a year's supply risk uses that year's WGI, or the latest earlier one.
      const used = [...new Set(report.risks.map((r) => r.wgiYear ?? report.wgiYear))].sort();
      const carried = opts.year !== undefined && used.some((y) => y < opts.year!) ? ` (the latest WGI year <= ${opts.year})` : '';
      ctx.out(`threshold between low and high (2-means): ${report.threshold.toFixed(3)}; governance from WGI ${used.join(', ') || report.wgiYear}${carried}`);
    });

  program
    .command('centrality')
    .description('centrality on the flow graph or the country-to-country graph (weights stated in the output)')
    .option('--mineral <slug>', 'one mineral (default: all)')
    .option('--metric <metric>', 'strength | pagerank | betweenness | closeness | eigenvector', oneOf<CentralityMetric>('metric', ['strength', 'pagerank', 'betweenness', 'closeness', 'eigenvector']), 'pagerank')
    .option('--graph <graph>', 'flow | country', oneOf('graph', ['flow', 'country'] as const), 'flow')
    .option('--year <year>', 'data year (default: latest)', int('year'))
    .option('--limit <n>', 'top n nodes; 0 = all', limitOption, 20)
    .option('--engine <engine>', 'graphology (in process, default) | gds (Neo4j Graph Data Science; pagerank and betweenness on the flow graph)', oneOf('engine', ['graphology', 'gds'] as const), 'graphology')
    .option('--json', 'machine-readable output')
    .action(async (opts: { mineral?: string; metric: CentralityMetric; graph: 'flow' | 'country'; year?: number; limit: number; engine: 'graphology' | 'gds'; json?: boolean }) => {
      const result = opts.engine === 'gds' ? await gdsCentralityFor(ctx, opts) : await centrality(await ctx.graph(), { metric: opts.metric, mineral: opts.mineral, graph: opts.graph, year: opts.year });
      const scores = [...result.scores].sort((a, b) => b.value - a.value).slice(0, opts.limit || undefined);
      if (opts.json) return ctx.json({ ...result, scores });
      ctx.out(`${result.metric} on the ${result.graph} graph, ${result.mineral}; weighting: ${result.weighting}`);
      ctx.table(['node', 'name', 'kind', result.metric], scores.map((s) => [s.node, s.name, s.kind, s.value.toPrecision(4)]));
    });

  program
    .command('dependencies')
    .description("a consuming country's suppliers, import reliance and supplier concentration per mineral")
    .option('--country <iso3>', 'consumer, e.g. USA', 'USA')
    .option('--mineral <slug>', 'one mineral')
    .option('--year <year>', 'data year (default: latest)', int('year'))
    .option('--json', 'machine-readable output')
    .action(async (opts: { country: string; mineral?: string; year?: number; json?: boolean }) => {
      const rows = dependencies(await ctx.graph(), { country: opts.country, mineral: opts.mineral, year: opts.year });
      if (opts.json) return ctx.json(rows);
      const year = rows[0]?.year;
      ctx.table(
        ['mineral', 'year', 'NIR', 'IR (flows)', 'D = I/(I+P)', 'supplier HHI', 'WGI supplier risk', 'top suppliers (share, t)', `US-China hot spot ${year ?? ''} (computed)`, 'US-China hot spot 2017 (seed 000)'],
        rows.map((d) => [
          d.mineral,
          d.year,
          `${d.nirRaw ?? pct(d.nir, 0)}${d.nirRange && d.nirRange[0] !== d.nirRange[1] ? ` [${pct(d.nirRange[0], 0)}-${pct(d.nirRange[1], 0)}]` : ''}`,
          pct(d.importReliance, 0),
          pct(d.importDependence, 0),
          num(d.supplierHhi),
          d.supplierRiskWgi.toFixed(4),
          d.suppliers.slice(0, 3).map((s) => `${s.country.replace('country:', '')} ${pct(s.share, 0)}${s.tonnes === null ? '' : ` ${num(s.tonnes, 0)}`}`).join(', '),
          d.hotSpotComputed.type,
          d.hotSpotSeed2017 ?? '',
        ]),
      );
      if (rows.some((d) => d.source.includes('CEPII') || d.suppliersFrom === 'flows')) {
        ctx.out(
          'note: suppliers from the dataset flows; trade figures CEPII BACI, V202601, from UN Comtrade (2020-2023 partner shares by value, 2025 carries the 2024 shares; estimated); ' +
            'the traded product is not the element, HS 811292 is shared by Ga/Ge/Hf/In/Nb/Re/V, the extract keeps the top 6 partners per side (lower bounds), hubs (NLD, BEL, SGP, HKG) re-export',
        );
        ctx.out(`note: hot spot (computed) = ${rows[0]!.hotSpotComputed.method}; hot spot 2017 = seed 000's own classification (Wang & Chen), for comparison`);
        // Seed 000 types a mineral by US and Chinese import dependence: for any other consumer it is the same context
        // column, not that country's own exposure (its IR, supplier HHI and WGI risk are).
        if (rows.some((d) => d.country !== 'country:USA'))
          ctx.out("note: the hot-spot types are seed 000's US-China classification of each mineral, the same for every consumer; this country's own exposure is its IR, supplier HHI and WGI supplier risk");
      }
    });

  program
    .command('scenario')
    .description('run a named scenario (a documented set of removals), or list them')
    .argument('[name]', 'scenario name; omit to list')
    .option('--model <model>', 'override: proportional | rerouting', oneOf<ImpactModel>('model', ['proportional', 'rerouting']))
    .option('--year <year>', "override the scenario's year (default: its own, else the latest)", int('year'))
    .option('--years <span>', 'run it in every year of a span, e.g. 2020-2025: a row per year')
    .option('--json', 'machine-readable output')
    .action(async (name: string | undefined, opts: { model?: ImpactModel; year?: number; years?: string; json?: boolean }) => {
      if (!name) {
        const scenarios = await listScenarios();
        if (opts.json) return ctx.json(scenarios);
        return ctx.table(['name', 'title', 'removes', 'mineral'], scenarios.map((s) => [s.name, s.title, s.remove.map((r) => formatRemoval(parseRemoval(r))).join(', '), s.mineral ?? 'all']));
      }
      const scenario = await getScenario(name);
      if (opts.years !== undefined) {
        ctx.out(`${scenario.title}\nSource: ${scenario.source}\n`);
        return printImpactSpan(ctx, await ctx.graph(), { remove: scenario.remove, mineral: scenario.mineral, model: opts.model ?? scenario.model ?? 'proportional' }, { ...opts, engine: 'graphology' });
      }
      const result = impact(await ctx.graph(), { remove: scenario.remove, mineral: scenario.mineral, model: opts.model ?? scenario.model, year: opts.year ?? scenario.year });
      if (opts.json) return ctx.json({ scenario, ...result });
      ctx.out(`${scenario.title}\n${scenario.description}\nSource: ${scenario.source}\n`);
      printImpact(ctx, result);
    });
}

/** The GDS engine runs inside Neo4j: only with the Neo4j store, and only for the metrics GDS offers here. */
async function gdsCentralityFor(ctx: CliContext, opts: { metric: CentralityMetric; mineral?: string; graph: string; year?: number }) {
  const store = await ctx.store();
  if (store.kind !== 'neo4j') throw new UnsupportedError(`--engine gds needs the Neo4j store with Graph Data Science installed (set NEO4J_URI); the ${store.kind} store uses --engine graphology`);
  if (opts.metric !== 'pagerank' && opts.metric !== 'betweenness') throw new InvalidInputError(`--engine gds offers --metric pagerank or betweenness, not ${opts.metric}`);
  if (opts.graph !== 'flow') throw new InvalidInputError('--engine gds runs on the flow graph only (--graph flow)');
  const { gdsCentrality } = await import('../../store/gds.ts');
  const year = opts.year ?? Math.max(...(await ctx.graph()).getAttribute('years'));
  return gdsCentrality(store as never, { metric: opts.metric, mineral: opts.mineral ?? 'all', year });
}

/** The GDS engine solves the rerouting model's max-flow inside Neo4j: only with the Neo4j store and that model. */
async function gdsImpactFor(ctx: CliContext, request: ImpactRequest) {
  if (request.model !== 'rerouting') throw new InvalidInputError("--engine gds solves the rerouting model's max-flow; add --model rerouting");
  const store = await ctx.store();
  if (store.kind !== 'neo4j') throw new UnsupportedError(`--engine gds needs the Neo4j store with Graph Data Science 2.23+ (gds.maxFlow; set NEO4J_URI); the ${store.kind} store uses --engine graphology`);
  const { gdsReroutingImpact } = await import('../../store/gds-impact.ts');
  return gdsReroutingImpact(store as never, await ctx.graph(), request);
}

async function printImpactSpan(
  ctx: CliContext,
  graph: Awaited<ReturnType<CliContext['graph']>>,
  request: Omit<ImpactRequest, 'year'>,
  opts: { years?: string; year?: number; engine: string; json?: boolean },
): Promise<void> {
  if (opts.year !== undefined) throw new InvalidInputError('impact: give --year or --years, not both');
  if (opts.engine !== 'graphology') throw new InvalidInputError('impact --years runs on --engine graphology');
  const span = impactSpan(graph, request, parseYearSpan(opts.years!));
  if (opts.json) return ctx.json(span);
  ctx.out(`Removed ${span.removals.map(formatRemoval).join(', ')} (${span.model} model), ${span.years[0]}-${span.years[1]}:`);
  ctx.table(
    ['year', 'mineral', 'supply before (t)', 'lost (t) [p5-p95]', 'share lost [p5-p95]', 'production HHI before -> after', 'consumers hit', 'note'],
    span.rows.map((r) => [
      r.year,
      r.mineral ?? '',
      num(r.tonnesBefore, 1),
      r.tonnesLost === null ? num(null, 1) : `${num(r.tonnesLost, 1)}${rangeText(r.tonnesLostRange, (x) => num(x, 1))}`,
      r.shareLost === null ? pct(null) : `${pct(r.shareLost)}${rangeText(r.shareLostRange, (x) => pct(x))}`,
      r.productionHhiBefore === null ? 'n/a' : `${num(r.productionHhiBefore)} -> ${num(r.productionHhiAfter)}`,
      r.consumersHit,
      r.note ?? '',
    ]),
  );
  if (span.removals.some((r) => r.severity < 1)) ctx.note('partial removals: each takes that fraction of the supply named (severity)');
  if (span.uncertainty) ctx.note(`ranges: p5-p95 of ${span.uncertainty.draws} seeded Monte-Carlo draws per year (seed ${span.uncertainty.seed}); --draws 0 for none`);
}

/** " [low-high]" for a range of non-zero width, "" for an exact figure or none (the figure is then published). */
function rangeText(range: [number, number] | undefined, fmt: (x: number) => string): string {
  if (!range || fmt(range[0]) === fmt(range[1])) return '';
  return ` [${fmt(range[0])}-${fmt(range[1])}]`;
}

function printImpact(ctx: CliContext, result: ImpactResult): void {
  ctx.out(`Removed ${(result.removals?.map(formatRemoval) ?? result.removed).join(', ')} (${result.model} model, ${result.year}).`);
  ctx.table(
    ['mineral', 'supply before (t)', 'lost (t) [p5-p95]', 'share lost [p5-p95]', 'production HHI before -> after', 'supply HHI before -> after'],
    result.minerals.map((m) => [
      m.mineral,
      num(m.tonnesBefore, 1),
      `${num(m.tonnesLost, 1)}${rangeText(m.tonnesLostRange, (x) => num(x, 1))}`,
      `${pct(m.shareLost)}${rangeText(m.shareLostRange, (x) => pct(x))}`,
      m.productionHhiBefore === undefined ? 'n/a' : `${num(m.productionHhiBefore)} -> ${num(m.productionHhiAfter ?? null)}`,
      `${num(m.supplyHhiBefore ?? m.hhiBefore)} -> ${num(m.supplyHhiAfter ?? m.hhiAfter)}`,
    ]),
  );
  if (result.consumers.length) {
    ctx.out('\nConsumers hit:');
    ctx.table(
      ['consumer', 'mineral', 'before (t)', 'lost (t) [p5-p95]', 'share lost [p5-p95]', 'remaining suppliers'],
      [...result.consumers]
        .sort((a, b) => b.tonnesLost - a.tonnesLost)
        .map((c) => [c.country, c.mineral, num(c.tonnesBefore, 1), `${num(c.tonnesLost, 1)}${rangeText(c.tonnesLostRange, (x) => num(x, 1))}`, `${pct(c.shareLost)}${rangeText(c.shareLostRange, (x) => pct(x))}`, c.remainingSuppliers.length]),
    );
  }
  if (result.byProducts?.length) {
    ctx.out('\nBy-products lost with their hosts (host -> companion; share = part of the companion produced with the host):');
    ctx.table(
      ['companion', 'via host (share)', 'host share lost', 'supply before (t)', 'lost (t)', 'share lost'],
      result.byProducts.map((b) => [
        b.mineral,
        b.via.map((v) => `${v.path.join(' -> ')} (${pct(v.share, 0)}, range ${pct(v.shareRange[0], 0)}-${pct(v.shareRange[1], 0)}${v.estimated ? ', est.' : ''})`).join('; '),
        b.via.map((v) => pct(v.hostShareLost)).join('; '),
        num(b.tonnesBefore, 1),
        `${num(b.tonnesLost, 1)}${rangeText(b.tonnesLostRange, (x) => num(x, 1))}`,
        `${pct(b.shareLost)}${rangeText(b.shareLostRange, (x) => pct(x))}`,
      ]),
    );
  }
  if (result.uncertainty) {
    ctx.out(`\nRanges: p5-p95 of ${result.uncertainty.draws} seeded Monte-Carlo draws (seed ${result.uncertainty.seed}) of every estimated input within its range; no range shown = published inputs only.`);
  }
  for (const note of result.notes) ctx.out(`note: ${note}`);
}
