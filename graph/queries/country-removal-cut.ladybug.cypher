// Name: country-removal-cut (LadybugDB variant)
// Differs: from country-removal-cut.cypher: per-flow losses are collected and unwound before the final sum (LadybugDB
//   inlines a WITH alias into a later aggregate and then rejects it as a nested aggregation).
// Purpose: what removing one country's supply cuts, per consumer and mineral (proportional model of DOMAIN.md, no
//   rerouting): every flow to a consumer that leaves a node located in the country is lost, and a refiner elsewhere
//   loses output in proportion to the share of its input that came from the country (one refining tier).
// Parameters:
//   $country  ISO3 of the removed country, e.g. "CHN"
//   $year     2020..2025 (flow years; README \"Years\")
// Example: {"country": "BRA", "year": 2025}
// Columns: consumer, mineral, tonnesLost, supplyTonnes, shareLost
WITH $country AS removed
MATCH (s)-[f:FLOW]->(c:Country)
WHERE f.year = $year AND c.iso3 <> removed AND f.tonnes > 0
OPTIONAL MATCH (s)<-[fin:FLOW]-(u)
WHERE s.id STARTS WITH 'refiner:' AND fin.mineral = f.mineral AND fin.year = $year
WITH removed, s, f, c, sum(coalesce(fin.tonnes, 0.0)) AS input,
  sum(coalesce(CASE WHEN coalesce(u.country, u.iso3) = removed THEN fin.tonnes ELSE 0.0 END, 0.0)) AS inputFromCountry
WITH c, collect({mineral: f.mineral, tonnes: f.tonnes,
  lost: CASE
    WHEN coalesce(s.country, s.iso3) = removed THEN f.tonnes
    WHEN input > 0 THEN f.tonnes * inputFromCountry / input
    ELSE 0.0
  END}) AS rows
UNWIND rows AS r
WITH c, r.mineral AS mineral, r.tonnes AS tonnes, r.lost AS lost
WITH c, mineral, sum(coalesce(tonnes, 0.0)) AS supply, sum(coalesce(lost, 0.0)) AS lostTonnes
WHERE lostTonnes > 0
RETURN c.name AS consumer, mineral, round(lostTonnes, 1) AS tonnesLost, round(supply, 1) AS supplyTonnes,
  round(lostTonnes / supply, 4) AS shareLost
ORDER BY shareLost DESC, tonnesLost DESC, consumer, mineral
