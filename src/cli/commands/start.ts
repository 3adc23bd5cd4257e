// `start` (what `npm start` runs): load the embedded store on first run, print a chokepoint summary, serve API and view.
import type { Command } from 'commander';
import { chokepoints } from '../../analysis/index.ts';
import { pct, type CliContext } from '../context.ts';

/** Minerals whose top chokepoint the start-up summary shows: the headline cases of DOMAIN.md. */
const HEADLINE = ['beryllium', 'niobium', 'gallium', 'rare-earths', 'cobalt', 'graphite'];

export function registerStart(program: Command, ctx: CliContext): void {
  program
    .command('start')
    .description('load the store (first run), print a chokepoint summary, then serve the API and the web view')
    .option('--port <port>', 'port to listen on (default $PORT or 8080)', (v) => Number(v))
    .option('--host <host>', 'address to bind (default $HOST or 127.0.0.1)')
    .option('--no-serve', 'print the summary and exit')
    .action(async (opts: { port?: number; host?: string; serve: boolean }) => {
      await printSummary(ctx);
      if (!opts.serve) return;
      // Build the web view when web/dist is missing or stale, whether started by `npm start` or `npx chokepoint start`.
      const { ensureWebBuilt } = await import('../../../web/ensure-built.mjs');
      await ensureWebBuilt({ log: (m: string) => ctx.note(m) });
      const { startServer } = await import('../../api/server.ts');
      const store = await ctx.store();
      const server = await startServer({ env: ctx.deps.env, store, port: opts.port, host: opts.host, log: (m: string) => ctx.note(m) });
      await server.closed;
    });
}

export async function printSummary(ctx: CliContext): Promise<void> {
  const store = await ctx.store();
  const counts = await store.counts();
  ctx.out(
    `Chokepoint: ${counts.minerals} minerals, ${counts.countries} countries, ${counts.mines} mines, ${counts.refiners} refiners, ${counts.flows} flows from ${counts.sources} sources (${store.kind} store).`,
  );
  const graph = await ctx.graph();
  const rows = [];
  for (const mineral of HEADLINE) {
    if (!graph.hasNode(`mineral:${mineral}`)) continue;
    const ranked = chokepoints(graph, { mineral, limit: 1 });
    rows.push(...ranked.filter((r) => r.kind === 'country'));
  }
  ctx.out('\nTop chokepoint per headline mineral (share of world supply lost if the country drops out):');
  ctx.table(
    ['mineral', 'stage', 'year', 'chokepoint', 'share of output', 'supply lost', 'HHI'],
    rows.map((r) => [r.mineral, r.stage, r.year, `${r.name} (${r.node})`, `${pct(r.share)}${r.estimated ? '*' : ''}`, pct(r.impactShare), r.hhi === null ? 'n/a' : Math.round(r.hhi)]),
  );
  // A figure made by a rule says so where it appears: one line per rule, naming the rows it marks.
  const rules = new Map<string, string[]>();
  for (const r of rows.filter((x) => x.estimated)) {
    const rule = r.rule ?? 'estimated';
    rules.set(rule, [...(rules.get(rule) ?? []), `${r.mineral} ${r.stage}`]);
  }
  for (const [rule, which] of rules) ctx.out(`* estimated (${which.join(', ')}): ${rule}`);
  ctx.out('Explore further: npx chokepoint chokepoints --mineral niobium | npx chokepoint impact --remove country:BRA\n');
}
