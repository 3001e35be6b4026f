export * from './dataset-error.ts';
export * from './formats.ts';
export * from './curves.ts';
export * from './d1.ts';
export * from './d2.ts';
export * from './extxyz-export.ts';
export * from './d3.ts';
