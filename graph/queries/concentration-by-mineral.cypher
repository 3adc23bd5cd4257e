// Name: concentration-by-mineral
// Purpose: production concentration of every mineral at one stage and year: world output, number of producing
//   countries, the top country and its share, and HHI = sum_i (100 s_i)^2 (DOMAIN.md; seed 000 flags > 5,000 as
//   highly concentrated). USGS "Other countries" rows count in world output but not in HHI (they are many
//   countries), so HHI here is a lower bound where such a row exists.
// Parameters:
//   $stage  "mine" or "refined"
//   $year   2020..2025 (2023 and 2025 are USGS estimates; 2020 for 12 minerals)
// Example: {"stage": "mine", "year": 2025}
// Columns: mineral, worldTonnes, producers, topCountry, topShare, hhi, highlyConcentrated
WITH $year AS year
MATCH (p:Mine|Refiner)
WHERE year IN [2020, 2021, 2022, 2023, 2024, 2025] AND p.aggregate AND p.stage = $stage
WITH p, CASE year WHEN 2020 THEN p.output2020 WHEN 2021 THEN p.output2021 WHEN 2022 THEN p.output2022
  WHEN 2023 THEN p.output2023 WHEN 2024 THEN p.output2024 ELSE p.output2025 END AS tonnes
WHERE tonnes IS NOT NULL AND tonnes > 0
WITH p.mineral AS mineral, sum(coalesce(tonnes, 0.0)) AS world, max(CASE WHEN p.country <> 'OTH' THEN tonnes END) AS top,
  collect({country: p.country, tonnes: tonnes}) AS rows
UNWIND rows AS r
WITH mineral, world, top, r
WHERE r.country <> 'OTH'
WITH mineral, world, top, count(*) AS producers, sum(coalesce((100.0 * r.tonnes / world) ^ 2, 0.0)) AS rawHhi,
  min(CASE WHEN r.tonnes = top THEN r.country END) AS topCountry, round(top / world, 4) AS topShare
RETURN mineral, world AS worldTonnes, producers, topCountry, topShare, round(rawHhi, 0) AS hhi,
  rawHhi > 5000 AS highlyConcentrated
ORDER BY hhi DESC, mineral
