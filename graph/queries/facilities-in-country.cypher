// Name: facilities-in-country
// Purpose: the named facilities (ICMM Global Mining Dataset) located in a country, with the minerals they feed into
//   the country aggregates and their coordinates; country-level aggregates are left out.
// Parameters:
//   $country  ISO3, e.g. "CHL"
// Example: {"country": "CHL"}
// Columns: id, facility, kind, assetType, minerals, lat, lon
MATCH (f:Mine|Refiner)-[:LOCATED_IN]->(c:Country {iso3: $country})
WHERE NOT coalesce(f.aggregate, false)
OPTIONAL MATCH (f)-[fl:FLOW]->()
// coalesce: LadybugDB gives null, not [], for a facility with no flow.
WITH f, coalesce(collect(DISTINCT fl.mineral), []) AS minerals
RETURN f.id AS id, f.name AS facility, CASE WHEN f.id STARTS WITH 'mine:' THEN 'mine' ELSE 'refiner' END AS kind,
  f.assetType AS assetType, minerals, f.lat AS lat, f.lon AS lon
ORDER BY facility, id
