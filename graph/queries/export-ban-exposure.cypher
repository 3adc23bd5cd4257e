// Name: export-ban-exposure
// Purpose: which importers a ban on one country's exports of a mineral hits first: for every other country that
//   imports the mineral, the tonnes it takes directly from the banning country and their share of all its
//   imports (direct exposure, first hop: material re-exported through a hub counts as the hub's; run
//   `impact --remove country:<X>/<mineral>` for the propagated loss). Trade flows: CEPII BACI, V202601, from UN
//   Comtrade (estimated), US flows: USGS MCS 2026. country:ROW is left out.
// Parameters:
//   $country  ISO3 of the banning exporter, e.g. "CHN"
//   $mineral  mineral slug, e.g. "gallium"
//   $year     2020-2025
// Example: {"country": "CHN", "mineral": "gallium", "year": 2024}
// Columns: importer (ISO3), importerName, tonnesFromCountry, importTonnes, directExposure
MATCH (s)-[f:FLOW]->(c:Country)
WHERE f.mineral = $mineral AND f.year = $year AND coalesce(s.country, s.iso3) = $country
  AND c.iso3 <> $country AND c.iso3 <> 'ROW'
WITH c, sum(coalesce(f.tonnes, 0.0)) AS fromBanned
MATCH (s2)-[g:FLOW]->(c)
WHERE g.mineral = $mineral AND g.year = $year AND coalesce(s2.country, s2.iso3) <> c.iso3
WITH c.iso3 AS importer, c.name AS importerName, fromBanned, sum(coalesce(g.tonnes, 0.0)) AS imports
WHERE fromBanned > 0
RETURN importer, importerName, round(fromBanned, 2) AS tonnesFromCountry, round(imports, 2) AS importTonnes,
  round(fromBanned / imports, 4) AS directExposure
ORDER BY directExposure DESC, tonnesFromCountry DESC, importer
