// Named what-if scenarios stored as data (graph/scenarios/*.json): read and validated here, run by
// src/analysis/scenario.ts (`runScenario` = impact). Every scenario cites the source that motivates it.
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { InvalidInputError, NotFoundError, suggestIds, type InputProblem } from '../domain/errors.ts';
import type { Scenario } from '../analysis/types.ts';

/** <repo>/graph/scenarios. */
export const DEFAULT_SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'graph', 'scenarios');

const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A scenario's removal string: a plain id, or `id@severity` with severity in (0, 1] (impact.ts parseRemoval). */
function severityOk(entry: string): boolean {
  const at = entry.lastIndexOf('@');
  if (at <= 0) return true;
  const text = entry.slice(at + 1).trim();
  const value = /^[0-9.eE+-]+$/.test(text) ? Number(text) : NaN;
  return Number.isFinite(value) && value > 0 && value <= 1;
}

export const scenarioSchema = z
  .object({
    name: z.string().regex(NAME, 'must be a lower-case slug such as brazil-niobium-outage'),
    title: z.string().trim().min(1, 'is required'),
    description: z.string().trim().min(1, 'is required'),
    remove: z
      .array(
        z.union([
          z
            .string()
            .trim()
            .min(1, 'must be a node id such as country:BRA, country:CHN/gallium or country:CHN/gallium@0.4')
            .refine(severityOk, 'severity after "@" must be a number in (0, 1], e.g. country:CHN/gallium@0.4'),
          z
            .object({
              id: z.string().trim().min(1, 'must be a node id such as country:BRA'),
              severity: z.number().gt(0, 'must be > 0').max(1, 'must be <= 1 (1 = all of it)').optional(),
            })
            .strict(),
        ]),
      )
      .min(1, 'must list at least one node id')
      .max(1000, 'at most 1,000 ids'),
    mineral: z.string().regex(NAME, 'must be a mineral slug such as niobium').optional(),
    model: z.enum(['proportional', 'rerouting']).optional(),
    year: z.number().int().min(1900).max(2100).optional(),
    source: z.string().trim().min(1, 'is required: cite the document that motivates the scenario'),
  })
  .strict();

/** Parses one scenario file's text; InvalidInputError lists every problem as `file: field: message`. */
export function parseScenario(text: string, file: string): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InvalidInputError(`${file}: not valid JSON (${(e as Error).message})`, [{ at: file, message: 'not valid JSON' }]);
  }
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) {
    const problems: InputProblem[] = parsed.error.issues.map((issue) => ({
      at: file,
      field: issue.path.join('.') || undefined,
      message: issue.message,
    }));
    throw new InvalidInputError(
      `${file}: invalid scenario: ${problems.map((p) => `${p.field ?? ''} ${p.message}`.trim()).join('; ')}`,
      problems,
    );
  }
  const expected = basename(file, '.json');
  if (parsed.data.name !== expected) {
    throw new InvalidInputError(`${file}: scenario name "${parsed.data.name}" must match the file name "${expected}"`, [
      { at: file, field: 'name', message: `must be "${expected}"` },
    ]);
  }
  return parsed.data as Scenario;
}

/** Every scenario in `dir` (default graph/scenarios), sorted by name. */
export async function listScenarios(dir: string = DEFAULT_SCENARIO_DIR): Promise<Scenario[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const path = join(dir, file);
    scenarios.push(parseScenario(await readFile(path, 'utf8'), path));
  }
  return scenarios;
}

/** One scenario by name; NotFoundError with the nearest names otherwise. */
export async function getScenario(name: string, dir: string = DEFAULT_SCENARIO_DIR): Promise<Scenario> {
  const scenarios = await listScenarios(dir);
  const found = scenarios.find((s) => s.name === name);
  if (found) return found;
  const names = scenarios.map((s) => s.name);
  const suggestions = suggestIds(name, names);
  const hint = suggestions.length ? ` (did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?)` : '';
  throw new NotFoundError(`scenario "${name}" not found${hint}; known: ${names.join(', ') || 'none'}`, suggestions);
}
