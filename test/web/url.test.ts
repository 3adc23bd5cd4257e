import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE } from '../../web/src/state.ts';
import { decodeUrlState, encodeUrlState, type UrlState } from '../../web/src/url.ts';

const base: UrlState = {
  mineral: DEFAULT_STATE.mineral,
  stage: DEFAULT_STATE.stage,
  year: null,
  layout: DEFAULT_STATE.layout,
  sizeBy: DEFAULT_STATE.sizeBy,
  colorBy: DEFAULT_STATE.colorBy,
  chokepointLevel: DEFAULT_STATE.chokepointLevel,
  selected: null,
  removed: [],
};

describe('URL state', () => {
  it('encodes nothing for the default view', () => {
    expect(encodeUrlState(base)).toBe('');
  });

  it('encodes mineral, removals and selection readably', () => {
    const q = encodeUrlState({ ...base, mineral: 'niobium', removed: ['country:BRA', 'mine:can-niobium'], selected: 'country:USA', year: 2025 });
    expect(q).toBe('mineral=niobium&year=2025&removed=country:BRA,mine:can-niobium&sel=country:USA');
  });

  it('round-trips every field', () => {
    const full: UrlState = {
      mineral: 'gallium',
      stage: 'refined',
      year: 2024,
      layout: 'force',
      sizeBy: 'betweenness',
      colorBy: 'risk',
      chokepointLevel: 'facility',
      selected: 'refiner:chn-gallium',
      removed: ['country:CHN/gallium', 'country:JPN'],
      severity: { 'country:CHN/gallium': 0.4 },
    };
    expect(decodeUrlState('?' + encodeUrlState(full))).toEqual(full);
  });

  it('ignores what it does not recognise instead of failing', () => {
    expect(decodeUrlState('?stage=ore&layout=3d&size=huge&color=blue&level=all&year=abc&sel=nocolon&removed=,,x,')).toEqual({});
    expect(decodeUrlState('year=1200')).toEqual({});
  });

  it('carries removal severities as id@severity (a partial disruption), full removals as the plain id', () => {
    const q = encodeUrlState({ ...base, mineral: 'gallium', removed: ['country:CHN/gallium', 'country:JPN'], severity: { 'country:CHN/gallium': 0.4, 'country:JPN': 1 } });
    expect(q).toBe('mineral=gallium&removed=country:CHN/gallium@0.4,country:JPN');
    expect(decodeUrlState(q)).toEqual({ mineral: 'gallium', removed: ['country:CHN/gallium', 'country:JPN'], severity: { 'country:CHN/gallium': 0.4 } });
    // The percent-encoded form a browser or a mail client may produce reads the same.
    expect(decodeUrlState('removed=country%3ACHN%2Fgallium%400.4')).toEqual({ removed: ['country:CHN/gallium'], severity: { 'country:CHN/gallium': 0.4 } });
  });

  it('clamps and rounds a hand-edited severity as the slider does, and drops one that is not in (0, 1]', () => {
    expect(decodeUrlState('removed=country:BRA@0.333').severity).toEqual({ 'country:BRA': 0.33 });
    expect(decodeUrlState('removed=country:BRA@0.01').severity).toEqual({ 'country:BRA': 0.05 });
    for (const bad of ['country:BRA@0', 'country:BRA@1.5', 'country:BRA@abc', 'country:BRA@', 'country:BRA@-0.4', 'country:BRA@1']) {
      expect(decodeUrlState(`removed=${bad}`), bad).toEqual({ removed: ['country:BRA'], severity: {} });
    }
  });

  it('drops duplicate removals and keeps their order', () => {
    expect(decodeUrlState('removed=country:B,country:A,country:B').removed).toEqual(['country:B', 'country:A']);
  });
});
