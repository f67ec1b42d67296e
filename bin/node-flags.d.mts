/** Types of node-flags.mjs (the command line's Node options per command). */
export declare const IMPORT_HEAP_MB: number;
export declare const IMPORT_SEMI_SPACE_MB: number;
export declare function commandNodeFlags(command: string | undefined, execArgv?: readonly string[], nodeOptions?: string): string[];
