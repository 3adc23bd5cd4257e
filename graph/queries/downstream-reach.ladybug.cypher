// Name: downstream-reach (LadybugDB variant)
// Differs: from downstream-reach.cypher: one MATCH per path length joined by UNION ALL, each hop filtered on mineral
//   and year as it is matched (a variable-length FLOW*1..3 expands every mineral's and year's flows before the
//   filter, which exhausts memory on the trade layer, and LadybugDB's recursive-pattern filter cannot take a
//   $parameter); each part is sorted by consumer and the route's ids (a list cannot be sorted on), and the parts come in
//   hop order.
// Purpose: the consumers a node's output of one mineral reaches, following FLOW edges of that mineral and year up to
//   three hops (mine -> country aggregate -> refiner -> consumer, or producer -> trade hub -> importer), with the
//   route taken.
// Parameters:
//   $node     a node id, e.g. "mine:bra-niobium" or "refiner:chn-cobalt"
//   $mineral  mineral slug, e.g. "niobium"
//   $year     2020..2025 (flow years; README \"Years\")
// Example: {"node": "mine:bra-niobium", "mineral": "niobium", "year": 2025}
// Columns: consumer, hops, route
MATCH (n:Mine|Refiner|Country {id: $node})-[f1:FLOW]->(c:Country)
WHERE f1.mineral = $mineral AND f1.year = $year
RETURN c.name AS consumer, 1 AS hops, [n.id, c.id] AS route
ORDER BY consumer
UNION ALL
MATCH (n:Mine|Refiner|Country {id: $node})-[f1:FLOW]->(a)-[f2:FLOW]->(c:Country)
WHERE f1.mineral = $mineral AND f1.year = $year AND f2.mineral = $mineral AND f2.year = $year
RETURN c.name AS consumer, 2 AS hops, [n.id, a.id, c.id] AS route
ORDER BY consumer, a.id
UNION ALL
MATCH (n:Mine|Refiner|Country {id: $node})-[f1:FLOW]->(a)-[f2:FLOW]->(b)-[f3:FLOW]->(c:Country)
WHERE f1.mineral = $mineral AND f1.year = $year AND f2.mineral = $mineral AND f2.year = $year
  AND f3.mineral = $mineral AND f3.year = $year
RETURN c.name AS consumer, 3 AS hops, [n.id, a.id, b.id, c.id] AS route
ORDER BY consumer, a.id, b.id
