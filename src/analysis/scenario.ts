// Runs a named scenario (graph/scenarios/*.json, read by src/data/scenarios.ts): a documented removal set
// passed to impact() with the scenario's mineral, model and year. The scenario travels with the result.
import type { SupplyGraph } from '../domain/graph.ts';
import type { ImpactModel, ImpactResult, Scenario } from './types.ts';
import { impact } from './impact.ts';

export interface ScenarioResult extends ImpactResult {
  scenario: Scenario;
}

/** impact(graph, scenario); `overrides.model` replaces the scenario's model (e.g. to compare with rerouting). */
export function runScenario(graph: SupplyGraph, scenario: Scenario, overrides: { model?: ImpactModel } = {}): ScenarioResult {
  const result = impact(graph, {
    remove: scenario.remove,
    mineral: scenario.mineral,
    model: overrides.model ?? scenario.model,
    year: scenario.year,
  });
  return { scenario, ...result };
}
