// `data build`, `import` and `export`: compile the shipped dataset, add a user's records, write the graph out.
import { writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { Command } from 'commander';
import { InvalidInputError } from '../../domain/errors.ts';
import { buildSupplyGraph } from '../../domain/graph.ts';
import { buildDataset, defaultSharedDataDir, writeDataset } from '../../data/index.ts';
import { formatProblems, readImportFile } from '../../data/user-import.ts';
import type { CliContext } from '../context.ts';
import { filterDataset, flowsCsv, toGexf } from '../../data/export.ts';
import { buildTradeSeries, writeTradeSeries } from '../../data/build/trade-series.ts';

export function registerData(program: Command, ctx: CliContext): void {
  const data = program.command('data').description('build the shipped dataset from the public sources');
  data
    .command('build')
    .description('compile graph/data from ../shared/data (USGS MCS 2026, USGS facility layers, World Bank WGI, ICMM, country codes), the curated company figures and the seed papers')
    .option('--shared <dir>', 'directory of the raw public files', defaultSharedDataDir())
    .option('--out <dir>', 'where to write the dataset (default graph/data)')
    .action(async (opts: { shared: string; out?: string }) => {
      const started = Date.now();
      const dataset = await buildDataset(opts.shared, (message: string) => ctx.note(message));
      const dir = await writeDataset(dataset, opts.out);
      ctx.note('Condensing the CEPII BACI trade extract 2002-2024 into the trade series (graph/data/trade-series.json)...');
      const series = await buildTradeSeries(opts.shared, (message: string) => ctx.note(message));
      await writeTradeSeries(series, dir);
      ctx.out(`Wrote dataset ${dataset.version} to ${dir}: ${dataset.nodes.length} nodes, ${dataset.flows.length} flows, ${dataset.links.length} links (${Date.now() - started} ms).`);
    });

  program
    .command('import')
    .description('add your own nodes, flows and links (JSON or CSV in the project schema; see README) to the store')
    .argument('<file>', 'a .json file {"nodes":[...],"flows":[...],"links":[...]} or a .csv of nodes or of flows')
    .option('--json', 'print the result as JSON')
    .option('--replace', 'replace stored nodes and flows whose ids the file repeats (without it, such an id is an error)')
    .action(async (file: string, opts: { json?: boolean; replace?: boolean }) => {
      const store = await ctx.store();
      const existing = await store.readDataset();
      let patch;
      try {
        patch = await readImportFile(file, existing, { replace: opts.replace === true, onProgress: (m) => ctx.note(m) });
      } catch (error) {
        if (error instanceof InvalidInputError && error.problems.length) {
          ctx.deps.stderr.write(`${formatProblems(error.problems)}\n`);
        }
        throw error;
      }
      const base = existing?.version.split('+')[0] ?? 'empty';
      const digest = createHash('sha256').update(JSON.stringify(patch)).update(existing?.version ?? '').digest('hex').slice(0, 8);
      const knownYears = new Set((existing?.flows ?? []).map((f) => f.year));
      const newYears = [...new Set(patch.flows.map((f) => f.year))].filter((y) => !knownYears.has(y)).sort();
      if (newYears.length) ctx.note(`note: ${file} adds flows for ${newYears.join(', ')}, a year the dataset had no flows for; analyses default to the latest year with production figures, pass --year to see it.`);
      if (patch.flows.length + patch.nodes.length > 10_000) {
        ctx.note(`import: writing ${patch.nodes.length} nodes, ${patch.flows.length} flows and ${patch.links.length} links to the ${store.kind} store (one transaction)`);
      }
      const report = await store.mergeRecords(patch, `${base}+${digest}`);
      ctx.invalidate();
      const summary = { file, nodes: patch.nodes.length, flows: patch.flows.length, links: patch.links.length, version: `${base}+${digest}`, ms: report.ms };
      if (opts.json) return ctx.json(summary);
      ctx.out(`Imported ${summary.nodes} nodes, ${summary.flows} flows and ${summary.links} links from ${file}; dataset is now ${summary.version}.`);
    });

  program
    .command('export')
    .description('write the graph as JSON (the project schema), GEXF (Gephi, Gephi Lite) or CSV (flows)')
    .option('--format <format>', 'json | gexf | csv', 'json')
    .option('--mineral <slug>', 'only flows of this mineral (and the nodes they touch)')
    .option('--year <year>', 'only flows of this year', (v) => Number(v))
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(async (opts: { format: string; mineral?: string; year?: number; out?: string }) => {
      if (!['json', 'gexf', 'csv'].includes(opts.format)) {
        throw new InvalidInputError(`export: unknown format "${opts.format}"; use json, gexf or csv`);
      }
      const dataset = filterDataset(await ctx.dataset(), opts.mineral, opts.year);
      const text = opts.format === 'json' ? JSON.stringify(dataset, null, 1) : opts.format === 'csv' ? flowsCsv(dataset.flows) : toGexf(buildSupplyGraph(dataset));
      if (opts.out) {
        const out = opts.out;
        await writeFile(out, text).catch((error: NodeJS.ErrnoException) => {
          throw new InvalidInputError(`export: cannot write ${out}: ${error.code === 'ENOENT' ? 'its directory does not exist' : error.message}`);
        });
        ctx.note(`Wrote ${opts.out} (${dataset.nodes.length} nodes, ${dataset.flows.length} flows).`);
      } else ctx.out(text);
    });
}

