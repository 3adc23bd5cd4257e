// Name: top-producers
// Purpose: the largest producers of one mineral at one stage and year: each country's output (USGS country-level
//   aggregate) and its share of world output, taken as the sum of every producer row USGS lists ("Other countries"
//   included, so shares match the published table up to USGS rounding of the World total).
// Parameters:
//   $mineral  mineral slug, e.g. "niobium"
//   $stage    "mine" or "refined"
//   $year     2020..2025 (2023 and 2025 figures are USGS estimates; 2020 for 12 minerals; README "Years")
//   $limit    how many producers to return (integer)
// Example: {"mineral": "niobium", "stage": "mine", "year": 2025, "limit": 5}
// Columns: country (ISO3, "OTH" for USGS "Other countries"), producer, tonnes, share, worldTonnes
WITH $year AS year
MATCH (p:Mine|Refiner)
WHERE year IN [2020, 2021, 2022, 2023, 2024, 2025] AND p.aggregate AND p.mineral = $mineral AND p.stage = $stage
WITH p, CASE year WHEN 2020 THEN p.output2020 WHEN 2021 THEN p.output2021 WHEN 2022 THEN p.output2022
  WHEN 2023 THEN p.output2023 WHEN 2024 THEN p.output2024 ELSE p.output2025 END AS tonnes
WHERE tonnes IS NOT NULL
WITH collect({country: p.country, name: p.name, tonnes: tonnes}) AS producers, sum(coalesce(tonnes, 0.0)) AS world
UNWIND producers AS r
RETURN r.country AS country, r.name AS producer, r.tonnes AS tonnes, round(r.tonnes / world, 4) AS share,
  world AS worldTonnes
ORDER BY tonnes DESC, country
LIMIT $limit
