// Name: hot-spots
// Purpose: seed 000's hot-spot types (Wang & Chen, tables 1-3): minerals on which both the United States and China
//   are highly import-dependent (NIR > $threshold), only the United States, or only China. US reliance is the
//   USGS figure of $usYear; China's is seed 000's (its own vintage).
// Parameters:
//   $usYear     year of the US figure, e.g. 2025
//   $threshold  NIR fraction, 0.5 in seed 000
// Example: {"usYear": 2025, "threshold": 0.5}
// Columns: mineral, hotSpot, usNir, chinaNir
MATCH (m:Mineral)
OPTIONAL MATCH (:Country {iso3: 'USA'})-[ru:RELIES_ON]->(m)
WHERE ru.year = $usYear
OPTIONAL MATCH (:Country {iso3: 'CHN'})-[rc:RELIES_ON]->(m)
WITH m, max(ru.nir) AS usNir, max(rc.nir) AS chinaNir
WITH m, usNir, chinaNir,
  CASE
    WHEN usNir > $threshold AND chinaNir > $threshold THEN 'both-dependent'
    WHEN usNir > $threshold THEN 'us-dependent'
    WHEN chinaNir > $threshold THEN 'china-dependent'
  END AS hotSpot
WHERE hotSpot IS NOT NULL
RETURN m.name AS mineral, hotSpot, usNir, chinaNir
ORDER BY hotSpot, mineral
