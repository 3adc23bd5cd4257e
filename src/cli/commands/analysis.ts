// Analysis commands: chokepoints, impact, risk, centrality, dependencies and named scenarios.
import type { Command } from 'commander';
import { InvalidInputError, UnsupportedError } from '../../domain/errors.ts';
import { centrality, chokepoints, dependencies, impact, supplyRisk, CHOKEPOINT_LEVELS, type ChokepointLevel } from '../../analysis/index.ts';
import type { CentralityMetric, ImpactModel, ImpactResult, ProductionStage } from '../../analysis/types.ts';
import { getScenario, listScenarios } from '../../data/scenarios.ts';
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
    .option('--json', 'array of {node, name, mineral, stage, share, hhi, impactShare, estimated, ...}')
    .action(async (opts: { mineral?: string; stage?: ProductionStage; year?: number; limit: number; level: ChokepointLevel; json?: boolean }) => {
      const rows = chokepoints(await ctx.graph(), { mineral: opts.mineral, stage: opts.stage, year: opts.year, limit: opts.limit || undefined, level: opts.level });
      if (opts.json) return ctx.json(rows);
      const levelColumn = opts.level === 'all' ? ['level'] : [];
      ctx.table(
        ['rank', ...levelColumn, 'mineral', 'stage', 'node', 'name', 'share', 'impact', 'production HHI', 'consumers hit', 'country risk'],
        rows.map((r) => [r.rank, ...(opts.level === 'all' ? [r.level] : []), r.mineral, r.stage, r.node, r.name, `${pct(r.share)}${r.estimated ? ' (est.)' : ''}`, pct(r.impactShare), r.hhi === null ? 'n/a' : num(r.hhi), r.consumersHit, r.countryRisk === null ? '' : r.countryRisk.toFixed(2)]),
      );
      if (rows.some((r) => r.estimated)) ctx.note('(est.): the share rests on a modelling estimate; --json gives each row its rule');
    });

  program
    .command('impact')
    .description('who loses how much of which mineral if these nodes are removed (country:CHN/gallium = an export ban)')
    .requiredOption('--remove <ids>', 'comma-separated node ids, e.g. country:BRA or country:CHN/gallium')
    .option('--mineral <slug>', 'only this mineral')
    .option('--model <model>', 'proportional | rerouting', oneOf<ImpactModel>('model', ['proportional', 'rerouting']), 'proportional')
    .option('--year <year>', 'data year (default: latest)', int('year'))
    .option('--engine <engine>', "graphology (in process, default) | gds (the rerouting model's max-flow on Neo4j Graph Data Science)", oneOf('engine', ['graphology', 'gds'] as const), 'graphology')
    .option('--json', '{removed, model, minerals: [...], consumers: [...]}')
    .action(async (opts: { remove: string; mineral?: string; model: ImpactModel; year?: number; engine: 'graphology' | 'gds'; json?: boolean }) => {
      const remove = opts.remove.split(',').map((s) => s.trim()).filter(Boolean);
      const request = { remove, mineral: opts.mineral, model: opts.model, year: opts.year };
      const result = opts.engine === 'gds' ? await gdsImpactFor(ctx, request) : impact(await ctx.graph(), request);
      if (opts.json) return ctx.json(result);
      printImpact(ctx, result);
    });

  program
    .command('risk')
    .description('WGI-weighted supply risk per mineral and stage (seed 003 eq. 4-7), with the 2-means low/high threshold')
    .option('--mineral <slug>', 'one mineral')
    .option('--year <year>', 'production year (default: latest)', int('year'))
    .option('--json', 'machine-readable output')
    .action(async (opts: { mineral?: string; year?: number; json?: boolean }) => {
      const report = supplyRisk(await ctx.graph(), { mineral: opts.mineral, year: opts.year });
      if (opts.json) return ctx.json(report);
      ctx.table(
        ['mineral', 'stage', 'year', 'R raw', 'R', 'level', 'WGI coverage'],
        [...report.risks].sort((a, b) => b.risk - a.risk).map((r) => [r.mineral, r.stage, r.year, r.rawRisk.toFixed(4), r.risk.toFixed(3), r.level, pct(r.coverage, 0)]),
      );
      ctx.out(`threshold between low and high (2-means): ${report.threshold.toFixed(3)}; governance from WGI ${report.wgiYear}`);
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
      ctx.table(
        ['mineral', 'year', 'NIR', 'D = I/(I+P)', 'supplier HHI', 'top suppliers', 'hot spot'],
        rows.map((d) => [d.mineral, d.year, d.nirRaw ?? pct(d.nir, 0), pct(d.importDependence, 0), num(d.supplierHhi), d.suppliers.slice(0, 3).map((s) => `${s.country.slice(8)} ${pct(s.share, 0)}`).join(', '), d.hotSpot ?? '']),
      );
    });

  program
    .command('scenario')
    .description('run a named scenario (a documented set of removals), or list them')
    .argument('[name]', 'scenario name; omit to list')
    .option('--model <model>', 'override: proportional | rerouting', oneOf<ImpactModel>('model', ['proportional', 'rerouting']))
    .option('--json', 'machine-readable output')
    .action(async (name: string | undefined, opts: { model?: ImpactModel; json?: boolean }) => {
      if (!name) {
        const scenarios = await listScenarios();
        if (opts.json) return ctx.json(scenarios);
        return ctx.table(['name', 'title', 'removes', 'mineral'], scenarios.map((s) => [s.name, s.title, s.remove.join(', '), s.mineral ?? 'all']));
      }
      const scenario = await getScenario(name);
      const result = impact(await ctx.graph(), { remove: scenario.remove, mineral: scenario.mineral, model: opts.model ?? scenario.model, year: scenario.year });
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
async function gdsImpactFor(ctx: CliContext, request: { remove: string[]; mineral?: string; model: ImpactModel; year?: number }) {
  if (request.model !== 'rerouting') throw new InvalidInputError("--engine gds solves the rerouting model's max-flow; add --model rerouting");
  const store = await ctx.store();
  if (store.kind !== 'neo4j') throw new UnsupportedError(`--engine gds needs the Neo4j store with Graph Data Science 2.23+ (gds.maxFlow; set NEO4J_URI); the ${store.kind} store uses --engine graphology`);
  const { gdsReroutingImpact } = await import('../../store/gds-impact.ts');
  return gdsReroutingImpact(store as never, await ctx.graph(), request);
}

function printImpact(ctx: CliContext, result: ImpactResult): void {
  ctx.out(`Removed ${result.removed.join(', ')} (${result.model} model, ${result.year}).`);
  ctx.table(
    ['mineral', 'supply before (t)', 'lost (t)', 'share lost', 'production HHI before -> after', 'supply HHI before -> after'],
    result.minerals.map((m) => [
      m.mineral,
      num(m.tonnesBefore, 1),
      num(m.tonnesLost, 1),
      pct(m.shareLost),
      m.productionHhiBefore === undefined ? 'n/a' : `${num(m.productionHhiBefore)} -> ${num(m.productionHhiAfter ?? null)}`,
      `${num(m.supplyHhiBefore ?? m.hhiBefore)} -> ${num(m.supplyHhiAfter ?? m.hhiAfter)}`,
    ]),
  );
  if (result.consumers.length) {
    ctx.out('\nConsumers hit:');
    ctx.table(
      ['consumer', 'mineral', 'before (t)', 'lost (t)', 'share lost', 'remaining suppliers'],
      [...result.consumers].sort((a, b) => b.tonnesLost - a.tonnesLost).map((c) => [c.country, c.mineral, num(c.tonnesBefore, 1), num(c.tonnesLost, 1), pct(c.shareLost), c.remainingSuppliers.length]),
    );
  }
  for (const note of result.notes) ctx.out(`note: ${note}`);
}
