// Palettes and colour ramps of the view, shared by the reducers (what sigma draws) and the legend (what it means),
// so the two can never disagree. Pure functions: tested in Node.
import type { NodeKind, Stage } from '../../src/domain/model.ts';

/** Node colours by kind (Tableau 10, readable on white and distinguishable for common colour-vision deficiencies). */
export const KIND_COLORS: Record<NodeKind | 'consumer', string> = {
  country: '#4e79a7',
  consumer: '#76b7b2',
  mineral: '#9c755f',
  mine: '#f28e2b',
  refiner: '#59a14f',
};

export const KIND_LABELS: Record<NodeKind | 'consumer', string> = {
  country: 'Country',
  consumer: 'Aggregate consumer (rest of world)',
  mineral: 'Mineral',
  mine: 'Mine / mine output',
  refiner: 'Refiner / refined output',
};

export const STAGE_COLORS: Record<Stage, string> = {
  mine: '#d9a46c',
  refined: '#86b884',
  trade: '#9aa7c7',
};

export const DIM_NODE = '#cdcdcd';
export const DIM_EDGE = '#f0f0f0';
export const REMOVED_COLOR = '#9a9a9a';
export const REMOVED_EDGE = '#d6d6d6';
export const LOSS_PATH_EDGE = '#d62728';
export const UNKNOWN_COLOR = '#c8c8c8';

/** Governance risk G (0 = best governed, 1 = worst): green -> yellow -> red (ColorBrewer RdYlGn reversed). */
export const RISK_STOPS: readonly string[] = ['#1a9850', '#91cf60', '#fee08b', '#fc8d59', '#d73027'];
/** Share of supply lost by a consumer (0..1): light orange -> dark red (ColorBrewer OrRd). */
export const LOSS_STOPS: readonly string[] = ['#fdd49e', '#fc8d59', '#e34a33', '#b30000'];
/**
 * The same scale while nodes are coloured by supply risk (ColorBrewer Purples): on the green-to-red risk ramp an
 * orange-red loss would read as "high risk".
 */
export const LOSS_STOPS_ON_RISK: readonly string[] = ['#dadaeb', '#9e9ac8', '#6a51a3', '#3f007d'];

function parseHex(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

function toHex([r, g, b]: [number, number, number]): string {
  return '#' + [r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
}

/** Linear interpolation along evenly spaced colour stops; t is clamped to 0..1. */
export function ramp(stops: readonly string[], t: number): string {
  if (stops.length === 0) throw new RangeError('ramp: needs at least one colour stop');
  if (stops.length === 1 || !Number.isFinite(t)) return stops[0]!;
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = parseHex(stops[i]!);
  const b = parseHex(stops[i + 1]!);
  return toHex([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
}

/**
 * G'_j = 1 - (WGI_j + 3.5) / 7 maps WGI's -2.5..2.5 onto 1/7..6/7 (seed 003 eq. 4), so the ramp spans that
 * interval rather than 0..1: otherwise every country would sit in the yellow middle.
 */
export const RISK_DOMAIN: readonly [number, number] = [1 / 7, 6 / 7];
export const riskColor = (g: number | null | undefined): string =>
  g === null || g === undefined || !Number.isFinite(g)
    ? UNKNOWN_COLOR
    : ramp(RISK_STOPS, (g - RISK_DOMAIN[0]) / (RISK_DOMAIN[1] - RISK_DOMAIN[0]));
export const lossStops = (colorBy: 'kind' | 'risk' = 'kind'): readonly string[] => (colorBy === 'risk' ? LOSS_STOPS_ON_RISK : LOSS_STOPS);
export const lossColor = (shareLost: number, colorBy: 'kind' | 'risk' = 'kind'): string => ramp(lossStops(colorBy), shareLost);
