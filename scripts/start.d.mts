// Types of scripts/start.mjs for the tests.
export declare const MISSING_MESSAGE: string;
export declare function electronBinary(root?: string, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string | null;
