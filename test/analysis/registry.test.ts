// The analysis registry (src/analysis/index.ts): every entry validates its parameters and runs its function.
import { describe, expect, it } from 'vitest';
import { ANALYSES, concentration, impact, type AnalysisDefinition } from '../../src/analysis/index.ts';
import { InvalidInputError, NotFoundError } from '../../src/domain/errors.ts';
import { refinerGraph } from './fixtures.ts';

// Widened to the generic definition: the registry's entries differ in parameter types.
const byId = (id: string) => ANALYSES.find((a) => a.id === id)! as unknown as AnalysisDefinition;

describe('ANALYSES registry', () => {
  it('declares the core analyses once, each with a title, schema and outputs', () => {
    const ids = ANALYSES.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(['concentration', 'dependencies', 'hot-spots', 'risk', 'impact', 'chokepoints']));
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of ANALYSES) {
      expect(a.title).not.toBe('');
      expect(a.outputs).not.toBe('');
      expect(typeof a.parameters.safeParse).toBe('function');
    }
  });

  it('runs the analysis it names with validated parameters', () => {
    const graph = refinerGraph();
    expect(byId('concentration').run(graph, { mineral: 'x', stage: 'mine' })).toEqual(concentration(graph, { mineral: 'x', stage: 'mine' }));
    expect(byId('impact').run(graph, { remove: ['mine:b'] })).toEqual(impact(graph, { remove: ['mine:b'] }));
    expect((byId('chokepoints').run(graph, { mineral: 'x', limit: 1 }) as unknown[]).length).toBe(2);
  });

  it('rejects unknown keys and wrong types as InvalidInputError, and passes domain errors through', () => {
    const graph = refinerGraph();
    expect(() => byId('impact').run(graph, { remove: [] })).toThrow(InvalidInputError);
    expect(() => byId('concentration').run(graph, { colour: 'red' })).toThrow(InvalidInputError);
    expect(() => byId('risk').run(graph, { year: 'soon' })).toThrow(/year/);
    expect(() => byId('impact').run(graph, { remove: ['mine:zz'] })).toThrow(NotFoundError);
  });
});
