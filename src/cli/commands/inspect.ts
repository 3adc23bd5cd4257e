// `stats`, `minerals` and `show`: what is in the store, in numbers and by node.
import type { Command } from 'commander';
import { unknownIdError } from '../../domain/errors.ts';
import { countDataset, type FacilityNode, type MineralNode, type SupplyNode } from '../../domain/model.ts';
import { facilityCoverage, residualByMineral, type CoverageRow } from '../../analysis/index.ts';
import { int, num, pct, type CliContext } from '../context.ts';

/** The coverage table; `brief` keeps the markets where any facility carries tonnes. */
function printCoverage(ctx: CliContext, rows: CoverageRow[], brief: boolean): void {
  const shown = brief ? rows.filter((r) => r.sourcedTonnes + r.equalSplitTonnes > 0) : rows;
  const shareOf = (x: number, of: number) => (of > 0 ? `${((100 * x) / of).toFixed(1)}%` : '-');
  ctx.out(`Facility coverage ${rows[0]?.year ?? ''}: share of each market's tonnes resting on published facility figures (USGS facility capacities, company reports)`);
  ctx.table(
    ['mineral', 'stage', 'world t', 'sourced', 'equal split', 'country only', 'facilities with a figure'],
    shown.map((r) => [r.mineral, r.stage, num(r.worldTonnes), shareOf(r.sourcedTonnes, r.worldTonnes), shareOf(r.equalSplitTonnes, r.worldTonnes), shareOf(r.aggregateOnlyTonnes, r.worldTonnes), `${r.facilitiesWithFigure} of ${r.facilities}`]),
  );
  if (brief && shown.length < rows.length) ctx.out(`(${rows.length - shown.length} more markets have no facility flows; stats --coverage lists all)`);
}

export function registerInspect(program: Command, ctx: CliContext): void {
  program
    .command('stats')
    .description('count minerals, countries, mines, refiners, flows and distinct sources in the store')
    .option('--json', 'print {"minerals":N,"countries":N,"mines":N,"refiners":N,"flows":N,"sources":N} (with --coverage: the coverage rows)')
    .option('--coverage', 'only the facility coverage: per mineral and stage, the share of the tonnes resting on published facility figures')
    .option('--year <year>', 'year of the coverage figures (default: the latest production year)', int('year'))
    .action(async (opts: { json?: boolean; coverage?: boolean; year?: number }) => {
      const store = await ctx.store();
      if (opts.coverage) {
        const rows = facilityCoverage(await ctx.graph(), { year: opts.year });
        if (opts.json) return ctx.json(rows);
        return printCoverage(ctx, rows, false);
      }
      const counts = await store.counts();
      if (opts.json) return ctx.out(JSON.stringify(counts));
      ctx.table(['what', 'count'], Object.entries(counts).map(([k, v]) => [k, num(v)]));
      ctx.out(`store: ${store.kind} (${store.location}), dataset ${(await store.datasetVersion()) ?? '(empty)'}`);
      // Named consumers vs the residual: how much of each mineral's final supply the data place on a country.
      const residual = residualByMineral(await ctx.graph());
      if (residual.length) {
        const shares = residual.map((r) => r.residualShare).sort((a, b) => a - b);
        const median = shares[Math.floor((shares.length - 1) / 2)]!;
        const placed = residual.filter((r) => r.residualShare < 0.25).length;
        ctx.out(
          `consumers ${residual[0]!.year}: country:ROW (the residual the USGS and CEPII BACI data cannot place) holds a median ${pct(median, 0)} of final supply; ` +
            `${placed} of ${residual.length} minerals have at most 25% there (chokepoint impact shows it per mineral)`,
        );
      }
      const rows = facilityCoverage(await ctx.graph(), { year: opts.year });
      if (rows.length) printCoverage(ctx, rows, true);
    });

  program
    .command('minerals')
    .description('list the minerals with their units and critical-list membership (US 2022, EU 2023, China 2016)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const dataset = await ctx.dataset();
      const minerals = dataset.nodes.filter((n): n is MineralNode => n.kind === 'mineral').sort((a, b) => a.id.localeCompare(b.id));
      if (opts.json) return ctx.json(minerals.map(({ id, slug, name, units, lists }) => ({ id, slug, name, units, lists })));
      const mark = (b: boolean | undefined) => (b ? 'yes' : '');
      ctx.table(
        ['id', 'name', 'unit (mine / refined)', 'US 2022', 'EU 2023', 'CN 2016'],
        minerals.map((m) => [m.id, m.name, [m.units?.mine, m.units?.refined].filter(Boolean).join(' / '), mark(m.lists?.us2022), mark(m.lists?.eu2023), mark(m.lists?.cn2016)]),
      );
    });

  program
    .command('show')
    .description('show one node: attributes, sources and its flows (e.g. chokepoint show country:BRA)')
    .argument('<node-id>', 'a node id such as country:BRA, mineral:niobium, mine:bra-niobium')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: { json?: boolean }) => {
      const dataset = await ctx.dataset();
      const node = dataset.nodes.find((n) => n.id === id);
      if (!node) {
        const names = new Map(dataset.nodes.map((n) => [n.id, n.name]));
        throw unknownIdError('node', id, names.keys(), (n) => names.get(n));
      }
      const outgoing = dataset.flows.filter((f) => f.from === id);
      const incoming = dataset.flows.filter((f) => f.to === id);
      const located = node.kind === 'country' ? dataset.nodes.filter((n): n is FacilityNode => (n.kind === 'mine' || n.kind === 'refiner') && n.country === (node as { iso3: string }).iso3) : [];
      if (opts.json) return ctx.json({ node, flowsOut: outgoing, flowsIn: incoming, facilities: located.map((n) => n.id) });
      printNode(ctx, node);
      const flowRows = (flows: typeof outgoing, other: 'from' | 'to') =>
        flows
          .sort((a, b) => b.year - a.year || (b.tonnes ?? 0) - (a.tonnes ?? 0))
          .slice(0, 25)
          .map((f) => [f[other], f.mineral, f.stage, f.year, f.tonnes === null ? `share ${num(f.share ?? null, 3)}` : num(f.tonnes, 1), f.estimated ? 'estimated' : 'published']);
      if (outgoing.length) {
        ctx.out(`\nFlows out (${outgoing.length}${outgoing.length > 25 ? ', largest 25 shown' : ''}):`);
        ctx.table(['to', 'mineral', 'stage', 'year', 'tonnes', 'figure'], flowRows(outgoing, 'to'));
      }
      if (incoming.length) {
        ctx.out(`\nFlows in (${incoming.length}${incoming.length > 25 ? ', largest 25 shown' : ''}):`);
        ctx.table(['from', 'mineral', 'stage', 'year', 'tonnes', 'figure'], flowRows(incoming, 'from'));
      }
      if (located.length) ctx.out(`\n${located.length} mines, refiners and aggregates located here (use --json to list them).`);
    });
}

function printNode(ctx: CliContext, node: SupplyNode): void {
  const rows: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'wgi' || key === 'seed') continue;
    rows.push([key, typeof value === 'object' ? JSON.stringify(value) : String(value)]);
  }
  if (node.kind === 'country' && node.wgi) {
    const years = Object.keys(node.wgi).sort();
    const latest = years[years.length - 1];
    if (latest) rows.push([`wgi ${latest}`, JSON.stringify(node.wgi[latest])]);
  }
  if (node.kind === 'mineral' && node.seed) rows.push(['seed figures', Object.keys(node.seed).join(', ') + ' (see --json)']);
  ctx.table(['field', 'value'], rows);
}

export { countDataset };
