// Types of ensure-built.mjs for the TypeScript callers (the end-to-end tests).
export declare function staleReason(): string | null;
export declare function ensureWebBuilt(options?: { force?: boolean; log?: (message: string) => void }): Promise<boolean>;
