export * from './structure.ts';
export * from './elements.ts';
export * from './extxyz.ts';
