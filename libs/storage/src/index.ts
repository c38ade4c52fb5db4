export * from './data-source';
export * from './prepare-database';
export * from './migrations';
