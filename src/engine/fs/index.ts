export * from './path.ts';
export * from './content.ts';
export * from './tree.ts';
export * from './limits.ts';
