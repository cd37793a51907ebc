export * from './api-error';
export * from './message';
export * from './status-rule';
