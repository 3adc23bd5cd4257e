// Name: country-reliance
// Purpose: the minerals a country relies on imports for, above a threshold of published net import reliance
//   (USGS MCS for the United States, seed 000 for China), with list membership.
// Parameters:
//   $country    ISO3: "USA" (USGS, years 2021-2025) or "CHN" (seed 000 vintage)
//   $year       the reliance year, e.g. 2025 for USA
//   $threshold  NIR fraction 0..1, e.g. 0.5
// Example: {"country": "USA", "year": 2025, "threshold": 0.5}
// Columns: mineral, nir, nirRaw, usList, euList, cnList, source
MATCH (c:Country {iso3: $country})-[r:RELIES_ON]->(m:Mineral)
WHERE r.year = $year AND r.nir > $threshold
RETURN m.name AS mineral, r.nir AS nir, r.nirRaw AS nirRaw, m.usList AS usList, m.euList AS euList,
  m.cnList AS cnList, r.source AS source
ORDER BY nir DESC, mineral
