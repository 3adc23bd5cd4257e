// Autocomplete ranking over what the view already holds (displayed nodes, the mineral list), so suggestions appear
// while typing without a round trip; the API's /api/nodes?q= search fills in nodes outside the current filter.
// Order: exact name or id, name prefix, word prefix, substring, then a typo (each query word within one edit of a name
// word, two for words of 8+ letters: "niobum" -> niobium); then countries, minerals, facilities; then name. Matching
// is accent- and case-insensitive ("Catalão" finds ICMM's "Catalao"). Hand-written rather than a fuzzy-search package:
// the tiers above must stay first (an analyst typing "bra" wants Brazil, not a fuzzy score), and a bounded edit
// distance on words is a dozen lines. O(n log n) plus O(w * l^2) per entry for the typo tier.

import { editDistance } from '../../src/domain/errors.ts';

export interface SearchEntry {
  id: string;
  kind: string;
  name: string;
  /** ISO3 of the country, shown beside facilities. */
  country?: string | undefined;
}

const KIND_RANK: Record<string, number> = { country: 0, mineral: 1, mine: 2, refiner: 3 };

/** Lower case without diacritics: "Catalão" -> "catalao", "Côte d'Ivoire" -> "cote d'ivoire". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** True when the Levenshtein distance of a and b is at most max (the domain's editDistance, after a length check). */
export function withinEdits(a: string, b: string, max: number): boolean {
  return Math.abs(a.length - b.length) <= max && editDistance(a, b) <= max;
}

/** Every query word of 4+ letters is a typo away from some word of the name (shorter words must be exact prefixes). */
function typoMatch(name: string, text: string): boolean {
  const words = name.split(/[^a-z0-9]+/).filter(Boolean);
  const wanted = text.split(/[^a-z0-9]+/).filter(Boolean);
  if (!wanted.length) return false;
  return wanted.every((q) =>
    q.length < 4 ? words.some((w) => w.startsWith(q)) : words.some((w) => withinEdits(q, w, q.length >= 8 ? 2 : 1)),
  );
}

export function matchScore(entry: SearchEntry, query: string): number | null {
  const text = fold(query);
  const name = fold(entry.name);
  const id = fold(entry.id);
  const key = id.slice(id.indexOf(':') + 1);
  if (name === text || id === text || key === text) return 0;
  if (name.startsWith(text)) return 1;
  if (name.includes(` ${text}`) || name.includes(`(${text}`) || key.startsWith(text)) return 2;
  if (name.includes(text) || id.includes(text)) return 3;
  if (typoMatch(name, text)) return 4;
  return null;
}

export function rankMatches(entries: Iterable<SearchEntry>, query: string, limit = 12): SearchEntry[] {
  const text = query.trim().toLowerCase();
  if (!text) return [];
  const scored: Array<[number, SearchEntry]> = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.id)) continue;
    const score = matchScore(e, text);
    if (score === null) continue;
    seen.add(e.id);
    scored.push([score, e]);
  }
  scored.sort(
    (a, b) =>
      a[0] - b[0] || (KIND_RANK[a[1].kind] ?? 9) - (KIND_RANK[b[1].kind] ?? 9) || a[1].name.localeCompare(b[1].name),
  );
  return scored.slice(0, limit).map(([, e]) => e);
}
