// Host side of the NOR flash device: part profiles, the parameter block, statistics, flash image files.
export * from './layout.ts';
export * from './part.ts';
export * from './params.ts';
export * from './persist.ts';
export * from './stats.ts';
