// Neo4j schema of the Chokepoint graph (Neo4j 5, Community Edition is enough). Applied by the Neo4j store on open
// (src/store/neo4j.ts), every statement idempotent (IF NOT EXISTS). The embedded LadybugDB store declares the
// same labels and properties as typed tables in src/store/embedded.ts.
//
// Node ids are unique within a load generation: a batched load writes the new dataset as a new generation beside
// the live one and flips (:Meta {key: 'generation'}) last (graph/README.md, "Loading"), so for a moment two nodes
// may share an id. The composite uniqueness constraint (id, generation) backs MERGE and lookups; the plain
// range index on id serves queries that do not name a generation.

CREATE CONSTRAINT country_id_generation IF NOT EXISTS FOR (n:Country) REQUIRE (n.id, n.generation) IS UNIQUE;
CREATE CONSTRAINT mineral_id_generation IF NOT EXISTS FOR (n:Mineral) REQUIRE (n.id, n.generation) IS UNIQUE;
CREATE CONSTRAINT mine_id_generation IF NOT EXISTS FOR (n:Mine) REQUIRE (n.id, n.generation) IS UNIQUE;
CREATE CONSTRAINT refiner_id_generation IF NOT EXISTS FOR (n:Refiner) REQUIRE (n.id, n.generation) IS UNIQUE;
CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (m:Meta) REQUIRE m.key IS UNIQUE;

CREATE INDEX country_id IF NOT EXISTS FOR (n:Country) ON (n.id);
CREATE INDEX mineral_id IF NOT EXISTS FOR (n:Mineral) ON (n.id);
CREATE INDEX mine_id IF NOT EXISTS FOR (n:Mine) ON (n.id);
CREATE INDEX refiner_id IF NOT EXISTS FOR (n:Refiner) ON (n.id);

// Generation: readers select the live generation, the loader deletes stale ones.
CREATE INDEX country_generation IF NOT EXISTS FOR (n:Country) ON (n.generation);
CREATE INDEX mineral_generation IF NOT EXISTS FOR (n:Mineral) ON (n.generation);
CREATE INDEX mine_generation IF NOT EXISTS FOR (n:Mine) ON (n.generation);
CREATE INDEX refiner_generation IF NOT EXISTS FOR (n:Refiner) ON (n.generation);

// Properties the query library filters on (graph/queries).
CREATE INDEX country_iso3 IF NOT EXISTS FOR (n:Country) ON (n.iso3);
CREATE INDEX mineral_slug IF NOT EXISTS FOR (n:Mineral) ON (n.slug);
CREATE INDEX mine_country IF NOT EXISTS FOR (n:Mine) ON (n.country);
CREATE INDEX mine_mineral_stage IF NOT EXISTS FOR (n:Mine) ON (n.mineral, n.stage);
CREATE INDEX refiner_country IF NOT EXISTS FOR (n:Refiner) ON (n.country);
CREATE INDEX refiner_mineral_stage IF NOT EXISTS FOR (n:Refiner) ON (n.mineral, n.stage);
CREATE INDEX flow_id IF NOT EXISTS FOR ()-[f:FLOW]-() ON (f.id);
CREATE INDEX flow_mineral_year IF NOT EXISTS FOR ()-[f:FLOW]-() ON (f.mineral, f.year);
CREATE INDEX relies_on_year IF NOT EXISTS FOR ()-[r:RELIES_ON]-() ON (r.year);
