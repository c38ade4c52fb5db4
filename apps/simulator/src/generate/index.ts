/** The simulator's event generator: a province (agency tree and catalogue) and a feed of dossier events over it. */
export * from './province';
export * from './dossier-stream';
export { SHARES } from './shares';
export { formatLocal } from './local-time';
export { DEFAULT_SOURCE } from './make-event';
