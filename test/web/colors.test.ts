import { describe, expect, it } from 'vitest';
import { LOSS_STOPS, RISK_DOMAIN, RISK_STOPS, UNKNOWN_COLOR, lossColor, ramp, riskColor } from '../../web/src/colors.ts';

describe('ramp', () => {
  it('returns the end stops at 0 and 1 and clamps outside', () => {
    expect(ramp(['#000000', '#ffffff'], 0)).toBe('#000000');
    expect(ramp(['#000000', '#ffffff'], 1)).toBe('#ffffff');
    expect(ramp(['#000000', '#ffffff'], -3)).toBe('#000000');
    expect(ramp(['#000000', '#ffffff'], 7)).toBe('#ffffff');
  });

  it('interpolates linearly between evenly spaced stops', () => {
    // halfway black -> white: 127.5 rounds to 128 = 0x80
    expect(ramp(['#000000', '#ffffff'], 0.5)).toBe('#808080');
    // three stops: t = 0.75 is halfway between the 2nd (#ff0000) and 3rd (#0000ff)
    expect(ramp(['#000000', '#ff0000', '#0000ff'], 0.75)).toBe('#800080');
  });

  it('refuses an empty ramp', () => {
    expect(() => ramp([], 0.5)).toThrow(RangeError);
  });
});

describe('riskColor / lossColor', () => {
  it('maps the WGI-derived G interval 1/7..6/7 onto the whole ramp', () => {
    expect(riskColor(RISK_DOMAIN[0])).toBe(RISK_STOPS[0]);
    expect(riskColor(RISK_DOMAIN[1])).toBe(RISK_STOPS[RISK_STOPS.length - 1]);
    expect(riskColor(0.5)).toBe(RISK_STOPS[2]); // (0.5 - 1/7) / (5/7) = 0.5 -> the middle stop of five
  });

  it('greys out unknown risk', () => {
    expect(riskColor(null)).toBe(UNKNOWN_COLOR);
    expect(riskColor(undefined)).toBe(UNKNOWN_COLOR);
    expect(riskColor(Number.NaN)).toBe(UNKNOWN_COLOR);
  });

  it('colours no loss and total loss with the ramp ends', () => {
    expect(lossColor(0)).toBe(LOSS_STOPS[0]);
    expect(lossColor(1)).toBe(LOSS_STOPS[LOSS_STOPS.length - 1]);
  });
});
