// Name: us-import-sources
// Purpose: where the United States gets a mineral from: modelled import flows into country:USA grouped by supplier
//   country (USGS MCS import sources x US net imports, estimated; see graph/data/README.md), with each supplier's
//   share of the imports that have a tonnage. Domestic supply is left out.
// Parameters:
//   $mineral  mineral slug, e.g. "gallium"
//   $year     2020..2025 (flow years; README "Years")
// Example: {"mineral": "beryllium", "year": 2025}
// Columns: supplier (ISO3), supplierName, tonnes, shareOfImports, flows
MATCH (s)-[f:FLOW]->(usa:Country {iso3: 'USA'})
WHERE f.mineral = $mineral AND f.year = $year AND coalesce(s.country, s.iso3) <> 'USA'
WITH coalesce(s.country, s.iso3) AS supplier, sum(coalesce(f.tonnes, 0.0)) AS tonnes, count(f) AS flows
WITH collect({iso3: supplier, tonnes: tonnes, flows: flows}) AS rows, sum(coalesce(tonnes, 0.0)) AS imports
UNWIND rows AS r
OPTIONAL MATCH (c:Country {iso3: r.iso3})
RETURN r.iso3 AS supplier, c.name AS supplierName, round(r.tonnes, 2) AS tonnes,
  CASE WHEN imports > 0 THEN round(r.tonnes / imports, 4) END AS shareOfImports, r.flows AS flows
ORDER BY tonnes DESC, supplier
