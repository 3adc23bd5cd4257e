// Time commands: `trend` (a mineral's series over the years), `market` (seed 003's three-indicator view with market
// dynamics) and `transmission` (seed 001's risk transmission between two importers); `impact --years` is in analysis.ts.
import type { Command } from 'commander';
import { InvalidInputError } from '../../domain/errors.ts';
import { trend, TREND_MEASURES, type TrendMeasure } from '../../analysis/trend.ts';
import { riskTransmission, threeIndicators } from '../../analysis/market.ts';
import { shippedTradeSeries } from '../../data/trade.ts';
import { pct, type CliContext } from '../context.ts';

const int = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidInputError(`--${name} must be a whole number, got "${value}"`);
  return n;
};

const fmt = (measure: string, v: number | null) =>
  v === null ? 'n/a' : measure.includes('share') || measure.includes('reliance') || measure === 'supply-risk' ? (measure === 'supply-risk' ? v.toFixed(3) : pct(v)) : Math.round(v).toLocaleString('en-US');

export function registerTime(program: Command, ctx: CliContext): void {
  program
    .command('trend')
    .description('a mineral over the years: production HHI, top producer, supply risk, US import reliance, trade concentration (BACI 2002-2024)')
    .requiredOption('--mineral <slug>', 'e.g. niobium')
    .option('--measure <measure>', `one of ${TREND_MEASURES.join(', ')} (default all)`)
    .option('--json', '{mineral, rows: [{year, measure, value, source, estimated, rule?, stage?, label?}], seed003, notes}')
    .action(async (opts: { mineral: string; measure?: TrendMeasure; json?: boolean }) => {
      const report = trend(await ctx.graph(), await shippedTradeSeries(), { mineral: opts.mineral, measure: opts.measure });
      if (opts.json) return ctx.json(report);
      const years = report.years;
      const keys = [...new Set(report.rows.map((r) => `${r.measure}${r.stage ? ` (${r.stage})` : ''}`))];
      ctx.out(`${report.mineral}: ${years[0]}-${years[years.length - 1]}; * = estimated (see --json for each rule)`);
      ctx.table(
        ['year', ...keys],
        years.map((y) => [
          y,
          ...keys.map((k) => {
            const r = report.rows.find((x) => x.year === y && `${x.measure}${x.stage ? ` (${x.stage})` : ''}` === k);
            return r ? `${fmt(r.measure, r.value)}${r.label && !r.label.startsWith('WGI') ? ` ${r.label}` : ''}${r.estimated ? '*' : ''}` : '';
          }),
        ]),
      );
      for (const c of report.seed003) {
        ctx.out(
          `seed 003 ${c.seed.table} (${c.seed.years}) supply risk: ${c.seed.direction}; ours${c.stage ? ` (${c.stage})` : ''} ${c.ours ? `${c.ours.years}: ${c.ours.direction}` : 'n/a'}` +
            (c.agree === null ? '' : c.agree ? ' — same direction' : ' — different direction') +
            (c.caveat ? ` (caveat: ${c.caveat})` : ''),
        );
      }
      for (const note of report.notes) ctx.out(`note: ${note}`);
    });

  program
    .command('market')
    .description("seed 003's three indicators per mineral: import dependence, supply risk and market dynamics (5-year price CV), beside seed 003 table 1")
    .option('--mineral <slug>', 'one mineral')
    .option('--year <year>', 'year (default: the latest with a full 5-year price window, 2025)', int('year'))
    .option('--json', 'machine-readable output')
    .action(async (opts: { mineral?: string; year?: number; json?: boolean }) => {
      const rows = threeIndicators(await ctx.graph(), { mineral: opts.mineral, year: opts.year });
      if (opts.json) return ctx.json(rows);
      ctx.table(
        ['mineral', 'year', 'import dependence', 'supply risk', 'market dynamics', 'window', 'seed 003 M 2022', 'seed 003 M 2013-22'],
        rows.map((r) => [
          r.mineral,
          r.year,
          r.importDependence === null ? 'n/a' : `${pct(r.importDependence, 0)}${r.importDependenceBasis === 'published NIR' ? ' (NIR)' : ''}`,
          r.supplyRisk === null ? 'n/a' : `${r.supplyRisk.toFixed(3)} ${r.supplyRiskStage}`,
          r.marketDynamics === null ? 'n/a' : `${r.marketDynamics.toFixed(3)}${r.estimated ? '*' : ''}`,
          r.marketWindow ?? '',
          r.seed003Market?.value2022 ?? '',
          r.seed003Market?.direction ?? '',
        ]),
      );
      ctx.out('market dynamics: seed 003 eq. 2-3 on the USGS MCS 2026 US prices 2021-2025e (* = the window ends in the 2025 estimate); min-max over every mineral computed. Seed 003 table 1 normalises over its own minerals and 2013-2022: compare directions, not levels.');
    });

  program
    .command('transmission')
    .description("seed 001's supply-risk transmission (eq. 3-4) between two importers of one mineral that share suppliers, estimated from BACI 2002-2024")
    .requiredOption('--mineral <slug>', 'e.g. cobalt')
    .option('--between <a,b>', 'two importers, ISO3', 'CHN,USA')
    .option('--from <year>', 'first year of the window (default 2002)', int('from'))
    .option('--to <year>', 'last year of the window (default 2024)', int('to'))
    .option('--json', 'machine-readable output')
    .action(async (opts: { mineral: string; between: string; from?: number; to?: number; json?: boolean }) => {
      const [a, b] = opts.between.split(',').map((s) => s.trim());
      if (!a || !b) throw new InvalidInputError(`--between takes two ISO3 codes, e.g. CHN,USA; got "${opts.between}"`);
      const r = riskTransmission(await shippedTradeSeries(), { mineral: opts.mineral, a, b, from: opts.from, to: opts.to });
      if (opts.json) return ctx.json(r);
      ctx.table(
        ['mineral', 'importers', 'window', 'σ_x', 'σ_y', 'ρ_xy', 'θ', 'shared suppliers', 'cov(b_x,b_y)/α² (eq. 3 = eq. 4)'],
        [[r.mineral, r.importers.join(' / '), `${r.window[0]}-${r.window[1]} (${r.years})`, r.sigma[0].toFixed(3), r.sigma[1].toFixed(3), r.rho.toFixed(3), r.theta.toFixed(3), r.sharedSuppliers.join(', ') || 'none', r.covarianceEq3.toPrecision(3)]],
      );
      ctx.out(`note: ${r.rule}`);
      ctx.out(`source: ${r.source}`);
    });
}
