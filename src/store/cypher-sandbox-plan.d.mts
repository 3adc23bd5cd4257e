// Types of cypher-sandbox-plan.mjs (plain JavaScript so the query process loads it without a TypeScript loader).
export declare const READ_OPERATORS: ReadonlySet<string>;
export declare const READ_TABLE_FUNCTIONS: ReadonlySet<string>;
export declare function readPlan(text: string): { operators: string[]; functions: string[] };
export declare function refusedPlan(text: string): string | undefined;
