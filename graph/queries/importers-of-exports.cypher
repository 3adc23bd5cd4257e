// Name: importers-of-exports
// Purpose: who takes a country's exports of a mineral: flows from the country's producers and from the country
//   itself (re-exports) into other countries, grouped by importer, with each importer's share of those exports.
//   Trade flows come from CEPII BACI, V202601, from UN Comtrade (tonnes 2024; 2020-2023 the year's own partner shares
//   by value, 2025 the 2024 shares, both estimated) and the US flows from USGS MCS 2026 (graph/data/README.md,
//   "Trade"). valueUsd is BACI's trade value (USD, current) of those flows, null where none carries one (USGS flows).
//   country:ROW is left out.
// Parameters:
//   $country  ISO3 of the exporter, e.g. "BRA"
//   $mineral  mineral slug, e.g. "niobium"
//   $year     2020-2025
// Example: {"country": "BRA", "mineral": "niobium", "year": 2024}
// Columns: importer (ISO3), importerName, tonnes, shareOfExports, valueUsd, flows
MATCH (s)-[f:FLOW]->(c:Country)
WHERE f.mineral = $mineral AND f.year = $year AND coalesce(s.country, s.iso3) = $country
  AND c.iso3 <> $country AND c.iso3 <> 'ROW'
WITH c.iso3 AS importer, c.name AS importerName, sum(coalesce(f.tonnes, 0.0)) AS tonnes, count(f) AS flows,
  count(f.valueUsd) AS valued, sum(coalesce(f.valueUsd, 0.0)) AS valueUsd
WITH collect({iso3: importer, name: importerName, tonnes: tonnes, flows: flows, valued: valued, valueUsd: valueUsd}) AS rows,
  sum(coalesce(tonnes, 0.0)) AS exported
UNWIND rows AS r
RETURN r.iso3 AS importer, r.name AS importerName, round(r.tonnes, 2) AS tonnes,
  CASE WHEN exported > 0 THEN round(r.tonnes / exported, 4) END AS shareOfExports,
  CASE WHEN r.valued > 0 THEN round(r.valueUsd, 0) END AS valueUsd, r.flows AS flows
ORDER BY tonnes DESC, importer
