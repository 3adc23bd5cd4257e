// Name: minerals-on-all-lists
// Purpose: minerals on all three critical/strategic lists (USGS 2022 list, EU 2023 CRMA list, China's 2016
//   strategic list), with the latest published US net import reliance.
// Parameters: none
// Example: {}
// Columns: mineral, slug, usNir, usNirRaw, usNirYear
MATCH (m:Mineral)
WHERE m.usList AND m.euList AND m.cnList
OPTIONAL MATCH (:Country {iso3: 'USA'})-[r:RELIES_ON]->(m)
WITH m, max(r.year) AS latest
OPTIONAL MATCH (:Country {iso3: 'USA'})-[r:RELIES_ON]->(m)
WHERE r.year = latest
RETURN m.name AS mineral, m.slug AS slug, r.nir AS usNir, r.nirRaw AS usNirRaw, latest AS usNirYear
ORDER BY mineral
