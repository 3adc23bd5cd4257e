// Name: sole-supplier-consumers
// Purpose: consumers with no alternative: those that receive a mineral from exactly one foreign supplier country
//   in the modelled flows (DOMAIN.md: "Which consumers have no alternative?"). Domestic supply is left out.
// Parameters:
//   $year  2020..2025 (flow years; README "Years")
// Example: {"year": 2025}
// Columns: consumer, mineral, onlySupplier, tonnes
MATCH (s)-[f:FLOW]->(c:Country)
WHERE f.year = $year AND f.tonnes > 0 AND coalesce(s.country, s.iso3) <> c.iso3
WITH c, f.mineral AS mineral, coalesce(s.country, s.iso3) AS supplier, sum(coalesce(f.tonnes, 0.0)) AS supplied
WITH c, mineral, count(*) AS suppliers, min(supplier) AS onlySupplier, sum(coalesce(supplied, 0.0)) AS total
WHERE suppliers = 1
RETURN c.name AS consumer, mineral, onlySupplier, round(total, 1) AS tonnes
ORDER BY consumer, mineral
