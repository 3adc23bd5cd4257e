// Autocomplete ranking over what the view already holds (displayed nodes, the mineral list), so suggestions appear
// while typing without a round trip; the API's /api/nodes?q= search fills in nodes outside the current filter.
// Order: exact name or id, name prefix, word prefix, substring; then countries, minerals, facilities; then name. O(n log n).

export interface SearchEntry {
  id: string;
  kind: string;
  name: string;
  /** ISO3 of the country, shown beside facilities. */
  country?: string | undefined;
}

const KIND_RANK: Record<string, number> = { country: 0, mineral: 1, mine: 2, refiner: 3 };

export function matchScore(entry: SearchEntry, text: string): number | null {
  const name = entry.name.toLowerCase();
  const id = entry.id.toLowerCase();
  const key = id.slice(id.indexOf(':') + 1);
  if (name === text || id === text || key === text) return 0;
  if (name.startsWith(text)) return 1;
  if (name.includes(` ${text}`) || name.includes(`(${text}`) || key.startsWith(text)) return 2;
  if (name.includes(text) || id.includes(text)) return 3;
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
    (a, b) => a[0] - b[0] || (KIND_RANK[a[1].kind] ?? 9) - (KIND_RANK[b[1].kind] ?? 9) || a[1].name.localeCompare(b[1].name),
  );
  return scored.slice(0, limit).map(([, e]) => e);
}
