// Name: governance-risk-facilities
// Purpose: facilities producing a mineral in countries with high governance risk G_i (seed 003 eq. 5: geometric
//   mean of the six WGI indicators rescaled as G' = 1 - (WGI + 3.5) / 7; higher is riskier), latest WGI year.
// Parameters:
//   $mineral  mineral slug, e.g. "cobalt"
//   $minRisk  lowest G_i to report, 0..1, e.g. 0.55
// Example: {"mineral": "cobalt", "minRisk": 0.55}
// Columns: id, facility, kind, country, governanceRisk, assetType, lat, lon
MATCH (f:Mine|Refiner)-[fl:FLOW]->()
WHERE fl.mineral = $mineral AND NOT coalesce(f.aggregate, false)
WITH DISTINCT f
MATCH (f)-[:LOCATED_IN]->(c:Country)
WHERE c.govRisk >= $minRisk
RETURN f.id AS id, f.name AS facility, CASE WHEN f.id STARTS WITH 'mine:' THEN 'mine' ELSE 'refiner' END AS kind,
  c.name AS country, round(c.govRisk, 3) AS governanceRisk, f.assetType AS assetType, f.lat AS lat, f.lon AS lon
ORDER BY governanceRisk DESC, country, facility, id
