export * from './data-source';
export * from './prepare-database';
export * from './migrations';
export const PROJECTIONS_CHANGED_CHANNEL = 'projections_changed';
