export * from './event-types';
export * from './event-data.dto';
export * from './cloud-event';
export * from './rfc3339';
export * from './validate-event';
export * from './topic';
export * from './examples';
