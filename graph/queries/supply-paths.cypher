// Name: supply-paths
// Purpose: mine -> refiner -> consuming country paths of one mineral, with the tonnes that travel each path: the
//   refiner's delivery to the consumer times the mine's share of the refiner's input (proportional, as in the
//   proportional impact model of DOMAIN.md).
// Parameters:
//   $mineral  mineral slug, e.g. "cobalt"
//   $year     2020..2025 (flow years; README "Years")
//   $limit    how many paths (integer)
// Example: {"mineral": "cobalt", "year": 2025, "limit": 10}
// Columns: mine, mineCountry, refiner, refinerCountry, consumer, mineToRefinerTonnes, refinerToConsumerTonnes, pathTonnes
MATCH (r:Refiner)<-[fin:FLOW]-()
WHERE fin.mineral = $mineral AND fin.year = $year
WITH r, sum(coalesce(fin.tonnes, 0.0)) AS input
WHERE input > 0
MATCH (m:Mine)-[f1:FLOW]->(r)-[f2:FLOW]->(c:Country)
WHERE f1.mineral = $mineral AND f1.year = $year AND f2.mineral = $mineral AND f2.year = $year
RETURN m.name AS mine, m.country AS mineCountry, r.name AS refiner, r.country AS refinerCountry, c.name AS consumer,
  round(f1.tonnes, 1) AS mineToRefinerTonnes, round(f2.tonnes, 1) AS refinerToConsumerTonnes,
  round(f2.tonnes * f1.tonnes / input, 1) AS pathTonnes
ORDER BY pathTonnes DESC, mine, refiner, consumer
LIMIT $limit
