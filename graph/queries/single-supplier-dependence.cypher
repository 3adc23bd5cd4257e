// Name: single-supplier-dependence
// Purpose: consumers that take more than $threshold of their foreign supply of a mineral from one supplier
//   country (seed 000 calls NIR > 0.5 "highly dependent"; here the share is of modelled inflows). A supplier is the
//   country of the node a flow leaves (mine, refiner or trading country); domestic supply is left out. Flows
//   without tonnage (share-only US trade figures) are not counted.
// Parameters:
//   $year       2020..2025 (flow years; README "Years")
//   $threshold  share 0..1, e.g. 0.5
// Example: {"year": 2025, "threshold": 0.5}
// Columns: consumer, mineral, supplier, tonnes, share, foreignSupplyTonnes
MATCH (s)-[f:FLOW]->(c:Country)
WHERE f.year = $year AND f.tonnes > 0 AND coalesce(s.country, s.iso3) <> c.iso3
WITH c, f.mineral AS mineral, coalesce(s.country, s.iso3) AS supplier, sum(coalesce(f.tonnes, 0.0)) AS tonnes
WITH c, mineral, collect({supplier: supplier, tonnes: tonnes}) AS suppliers, sum(coalesce(tonnes, 0.0)) AS total
UNWIND suppliers AS b
WITH c, mineral, b, total
WHERE b.tonnes / total > $threshold
RETURN c.name AS consumer, mineral, b.supplier AS supplier, round(b.tonnes, 1) AS tonnes,
  round(b.tonnes / total, 3) AS share, round(total, 1) AS foreignSupplyTonnes
ORDER BY share DESC, consumer, mineral
