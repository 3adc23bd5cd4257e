// Name: refiners-fed-by-country
// Purpose: the refiners (anywhere) that receive a country's mine or refinery output, per mineral, with tonnes and
//   the share of the refiner's input that comes from the country.
// Parameters:
//   $country  ISO3, e.g. "COD"
//   $year     2020..2025 (flow years; README "Years")
// Example: {"country": "COD", "year": 2025}
// Columns: refiner, refinerCountry, mineral, tonnes, shareOfRefinerInput
MATCH (s:Mine|Refiner)-[f:FLOW]->(r:Refiner)
WHERE s.country = $country AND f.year = $year AND s.id <> r.id
WITH r, f.mineral AS mineral, sum(coalesce(f.tonnes, 0.0)) AS tonnes
MATCH (r)<-[fin:FLOW]-()
WHERE fin.mineral = mineral AND fin.year = $year
WITH r, mineral, tonnes, sum(coalesce(fin.tonnes, 0.0)) AS input
RETURN r.name AS refiner, r.country AS refinerCountry, mineral, round(tonnes, 1) AS tonnes,
  CASE WHEN input > 0 THEN round(tonnes / input, 4) END AS shareOfRefinerInput
ORDER BY tonnes DESC, refiner
