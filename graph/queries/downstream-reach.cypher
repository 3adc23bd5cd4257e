// Name: downstream-reach
// Purpose: the consumers a node's output of one mineral reaches, following FLOW edges of that mineral and year up to
//   three hops (mine -> country aggregate -> refiner -> consumer, or producer -> trade hub -> importer), with the
//   route taken.
// Parameters:
//   $node     a node id, e.g. "mine:bra-niobium" or "refiner:chn-cobalt"
//   $mineral  mineral slug, e.g. "niobium"
//   $year     2020..2025 (flow years; README \"Years\")
// Example: {"node": "mine:bra-niobium", "mineral": "niobium", "year": 2025}
// Columns: consumer, hops, route
MATCH path = (n:Mine|Refiner|Country {id: $node})-[:FLOW*1..3]->(c:Country)
WHERE all(f IN relationships(path) WHERE f.mineral = $mineral AND f.year = $year)
RETURN c.name AS consumer, length(path) AS hops, [x IN nodes(path) | x.id] AS route
ORDER BY hops, consumer, route
