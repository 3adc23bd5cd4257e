// Name: companions-of-host
// Purpose: the by-product (companion) minerals recovered with a host mineral, with the share of each companion's
//   primary production that comes with that host and its plausible range (BY_PRODUCT_OF links, by-product coupling).
// Parameters:
//   $host  host mineral slug, e.g. "zinc"
// Example: {"host": "zinc"}
// Columns: companion, host, share, shareLow, shareHigh, estimated, source
MATCH (c:Mineral)-[b:BY_PRODUCT_OF]->(h:Mineral {slug: $host})
RETURN c.slug AS companion, h.slug AS host, b.share AS share, b.shareLow AS shareLow, b.shareHigh AS shareHigh,
  b.estimated AS estimated, b.source AS source
ORDER BY share DESC, companion
