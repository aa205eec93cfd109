/** Types of scripts/build-core.mjs for TypeScript callers (tests). */
export function coreBuildArgs(out: string, opts: { timed: number; mutant?: number; trace?: number; wat?: boolean }): string[];
