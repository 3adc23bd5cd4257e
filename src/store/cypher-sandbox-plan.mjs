// What LadybugDB says a query will do, read from its own EXPLAIN: the physical plan's operators and the table
// functions they call. The query process (cypher-sandbox-child.mjs) refuses any plan that holds an operator or a
// table function outside the read-only lists below, so a file read, a setting, a storage internal or a write is
// stopped by the engine's own reading of the query, whatever text the lexical guard was shown.
// Plain JavaScript: the query process loads it without a TypeScript loader (types in cypher-sandbox-plan.d.mts).

/**
 * Physical operators of read-only plans (LadybugDB 0.19.1 names, as EXPLAIN prints them). Anything else, such as
 * COPY_TO, INSERT, SET_PROPERTY, DELETE, MERGE, STANDALONE_CALL (`CALL threads=1`), ATTACH_DATABASE,
 * LOAD_EXTENSION, INSTALL_EXTENSION, EXPORT_DATABASE or an operator a later version adds, refuses the query.
 */
export const READ_OPERATORS = new Set([
  'AGGREGATE',
  'AGGREGATE_FINALIZE',
  'AGGREGATE_SCAN',
  'COUNT_REL_TABLE',
  'CROSS_PRODUCT',
  'DUMMY_SIMPLE_SINK',
  'DUMMY_SINK',
  'EMPTY_RESULT',
  'FILTER',
  'FLATTEN',
  'HASH_JOIN_BUILD',
  'HASH_JOIN_PROBE',
  'INTERSECT',
  'INTERSECT_BUILD',
  'LIMIT',
  'MULTIPLICITY_REDUCER',
  'ORDER_BY',
  'ORDER_BY_MERGE',
  'ORDER_BY_SCAN',
  'PATH_PROPERTY_PROBE',
  'PRIMARY_KEY_SCAN_NODE_TABLE',
  'PROJECTION',
  'RECURSIVE_EXTEND',
  'RESULT_COLLECTOR',
  'SCAN_NODE_TABLE',
  'SCAN_REL_TABLE',
  'SEMI_MASKER',
  'SKIP',
  'TABLE_FUNCTION_CALL',
  'TOP_K',
  'TOP_K_SCAN',
  'UNION_ALL_SCAN',
  'UNWIND',
]);

/**
 * Table functions a read-only plan may call: READ_FTABLE (the engine's own scan of an intermediate result, used by
 * variable-length paths, OPTIONAL MATCH and subqueries) and the catalog listings. Refused: READ_CSV_*,
 * READ_PARQUET, READ_NPY (LOAD FROM, host files), FILE_INFO, CURRENT_SETTING (home_directory ...), STORAGE_INFO,
 * DISK_*, BM_INFO, FSM_INFO, STATS_INFO (storage internals), PROJECT_GRAPH* and DROP_PROJECTED_GRAPH (state),
 * and anything an extension adds.
 */
export const READ_TABLE_FUNCTIONS = new Set([
  'READ_FTABLE',
  'SHOW_TABLES',
  'TABLE_INFO',
  'SHOW_CONNECTION',
  'SHOW_INDEXES',
  'SHOW_FUNCTIONS',
  'SHOW_MACROS',
  'SHOW_SEQUENCES',
  'SHOW_GRAPHS',
  'SHOW_PROJECTED_GRAPHS',
  'SHOW_WARNINGS',
  'SHOW_LOADED_EXTENSIONS',
  'SHOW_OFFICIAL_EXTENSIONS',
  'DB_VERSION',
  'CATALOG_VERSION',
  'STORAGE_VERSION',
]);

/** A box title in EXPLAIN's drawing: `TABLE_FUNCTION_CALL[0]`. */
const OPERATOR = /^([A-Z][A-Z0-9_]*)\[(\d+)\]$/;
/** A box line naming the function an operator calls: `Function: READ_CSV_PARALLEL`. */
const FUNCTION = /^Function:\s*(.*)$/;
/** The drawing's vertical borders: boxes of parallel branches stand side by side on the same lines. */
const BORDER = /[│┃|]/;

/**
 * The operators and called functions of an EXPLAIN result text: each line is cut at the box borders and every
 * cell read on its own.
 * @param {string} text
 * @returns {{ operators: string[], functions: string[] }}
 */
export function readPlan(text) {
  const operators = [];
  const functions = [];
  for (const line of text.split('\n')) {
    for (const raw of line.split(BORDER)) {
      const cell = raw.trim();
      const op = OPERATOR.exec(cell);
      if (op) operators.push(op[1]);
      const fn = FUNCTION.exec(cell);
      if (fn) functions.push(fn[1].trim());
    }
  }
  return { operators, functions };
}

/**
 * Why the plan is refused, or undefined when every operator and table function is on the read-only lists.
 * Fails closed: a plan it cannot read (no operators, fewer named functions than function calls) is refused.
 * @param {string} text
 * @returns {string | undefined}
 */
export function refusedPlan(text) {
  const { operators, functions } = readPlan(text);
  if (!operators.length) return 'the query plan could not be read';
  const badOperators = [...new Set(operators.filter((op) => !READ_OPERATORS.has(op)))];
  const calls = operators.filter((op) => op === 'TABLE_FUNCTION_CALL').length;
  const badFunctions = [...new Set(functions.filter((fn) => !READ_TABLE_FUNCTIONS.has(fn.toUpperCase())))];
  const reasons = [];
  if (badOperators.length) reasons.push(`operator${badOperators.length > 1 ? 's' : ''} ${badOperators.join(', ')}`);
  if (badFunctions.length) reasons.push(`table function${badFunctions.length > 1 ? 's' : ''} ${badFunctions.join(', ')}`);
  if (!reasons.length && functions.length < calls) reasons.push('a table function call whose function the plan does not name');
  return reasons.length ? reasons.join('; ') : undefined;
}
