// The shareable part of the view state <-> the page's query string (?mineral=niobium&removed=country:BRA&sel=...).
// Only what a colleague needs to see the same picture is encoded; defaults are left out so links stay short.
import { STAGES } from '../../src/domain/model.ts';
import {
  CHOKEPOINT_LEVELS,
  COLOR_MODES,
  DEFAULT_STATE,
  LAYOUT_MODES,
  SIZE_MODES,
  type ChokepointLevel,
  type ColorMode,
  type LayoutMode,
  type SizeMode,
  type StageFilter,
  type ViewState,
} from './state.ts';

export type UrlState = Pick<ViewState, 'mineral' | 'stage' | 'year' | 'layout' | 'sizeBy' | 'colorBy' | 'chokepointLevel' | 'selected' | 'removed'> &
  Partial<Pick<ViewState, 'severity'>>;

const ID_LIST_SEPARATOR = ',';
/** `country:CHN/gallium@0.4`: the API's and the CLI's form of a partial removal (src/analysis/impact.ts parseRemoval). */
const SEVERITY_MARK = '@';

/** A removal as the URL writes it: the id, with `@severity` when less than all of the node's supply is removed. */
function removalToken(id: string, severity: number | undefined): string {
  return severity !== undefined && severity < 1 ? `${id}${SEVERITY_MARK}${severity}` : id;
}

/**
 * `id` or `id@severity` -> the id and its severity, clamped and rounded as the slider does (state.ts setSeverity);
 * a severity that is not a number in (0, 1] is dropped (the link still opens, with the whole node removed).
 */
function parseRemovalToken(token: string): { id: string; severity?: number } {
  const at = token.lastIndexOf(SEVERITY_MARK);
  if (at <= 0) return { id: token };
  const id = token.slice(0, at).trim();
  const text = token.slice(at + 1).trim();
  const value = /^[0-9.]+$/.test(text) ? Number(text) : NaN;
  if (!(value > 0 && value <= 1)) return { id };
  const severity = Math.round(Math.max(0.05, value) * 100) / 100;
  return severity < 1 ? { id, severity } : { id };
}

export function encodeUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  if (state.mineral !== DEFAULT_STATE.mineral) params.set('mineral', state.mineral);
  if (state.stage !== DEFAULT_STATE.stage) params.set('stage', state.stage);
  if (state.year !== null) params.set('year', String(state.year));
  if (state.layout !== DEFAULT_STATE.layout) params.set('layout', state.layout);
  if (state.sizeBy !== DEFAULT_STATE.sizeBy) params.set('size', state.sizeBy);
  if (state.colorBy !== DEFAULT_STATE.colorBy) params.set('color', state.colorBy);
  if (state.chokepointLevel !== DEFAULT_STATE.chokepointLevel) params.set('level', state.chokepointLevel);
  if (state.removed.length) params.set('removed', state.removed.map((id) => removalToken(id, state.severity?.[id])).join(ID_LIST_SEPARATOR));
  if (state.selected) params.set('sel', state.selected);
  // Ids are `kind:key`; keeping ':', ',', '/' and '@' readable makes shared links legible, and all are legal in a query.
  return params.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%2F/gi, '/').replace(/%40/gi, '@');
}

/** Reads what it recognises and ignores the rest (a hand-edited link must still open a view). */
export function decodeUrlState(search: string): Partial<UrlState> {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const out: Partial<UrlState> = {};
  const mineral = params.get('mineral')?.trim();
  if (mineral) out.mineral = mineral;
  const stage = params.get('stage');
  if (stage && (stage === 'all' || (STAGES as readonly string[]).includes(stage))) out.stage = stage as StageFilter;
  const year = Number(params.get('year'));
  if (params.has('year') && Number.isInteger(year) && year > 1900 && year < 2200) out.year = year;
  const layout = params.get('layout');
  if (layout && (LAYOUT_MODES as readonly string[]).includes(layout)) out.layout = layout as LayoutMode;
  const size = params.get('size');
  if (size && (SIZE_MODES as readonly string[]).includes(size)) out.sizeBy = size as SizeMode;
  const color = params.get('color');
  if (color && (COLOR_MODES as readonly string[]).includes(color)) out.colorBy = color as ColorMode;
  const level = params.get('level');
  if (level && (CHOKEPOINT_LEVELS as readonly string[]).includes(level)) out.chokepointLevel = level as ChokepointLevel;
  const removed = params.get('removed');
  if (removed) {
    const ids: string[] = [];
    const severity: Record<string, number> = {};
    for (const token of removed.split(ID_LIST_SEPARATOR)) {
      const r = parseRemovalToken(token.trim());
      if (!r.id.includes(':') || ids.includes(r.id)) continue;
      ids.push(r.id);
      if (r.severity !== undefined) severity[r.id] = r.severity;
    }
    if (ids.length) {
      out.removed = ids;
      out.severity = severity;
    }
  }
  const sel = params.get('sel')?.trim();
  if (sel && sel.includes(':')) out.selected = sel;
  return out;
}
