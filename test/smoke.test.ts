import { describe, expect, it } from 'vitest';
import { suggestIds } from '../src/domain/errors.ts';

describe('suggestIds', () => {
  it('suggests the nearest country id for a misspelt one', () => {
    expect(suggestIds('country:BRZ', ['country:BRA', 'country:USA', 'mineral:niobium'])[0]).toBe('country:BRA');
  });
});
