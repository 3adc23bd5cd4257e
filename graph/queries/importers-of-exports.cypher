// Name: importers-of-exports
// Purpose: who takes a country's exports of a mineral: flows from the country's producers and from the country
//   itself (re-exports) into other countries, grouped by importer, with each importer's share of those exports.
//   Trade flows come from CEPII BACI, V202601, from UN Comtrade (2024; 2025 carries the 2024 partner shares, both
//   estimated) and the US flows from USGS MCS 2026 (graph/data/README.md, "Trade"). country:ROW is left out.
// Parameters:
//   $country  ISO3 of the exporter, e.g. "BRA"
//   $mineral  mineral slug, e.g. "niobium"
//   $year     2024 or 2025
// Example: {"country": "BRA", "mineral": "niobium", "year": 2024}
// Columns: importer (ISO3), importerName, tonnes, shareOfExports, flows
MATCH (s)-[f:FLOW]->(c:Country)
WHERE f.mineral = $mineral AND f.year = $year AND coalesce(s.country, s.iso3) = $country
  AND c.iso3 <> $country AND c.iso3 <> 'ROW'
WITH c.iso3 AS importer, c.name AS importerName, sum(coalesce(f.tonnes, 0.0)) AS tonnes, count(f) AS flows
WITH collect({iso3: importer, name: importerName, tonnes: tonnes, flows: flows}) AS rows, sum(coalesce(tonnes, 0.0)) AS exported
UNWIND rows AS r
RETURN r.iso3 AS importer, r.name AS importerName, round(r.tonnes, 2) AS tonnes,
  CASE WHEN exported > 0 THEN round(r.tonnes / exported, 4) END AS shareOfExports, r.flows AS flows
ORDER BY tonnes DESC, importer
