// Public API of the error-contract library. Everything an app needs is exported here.
export * from './codes';
export * from './contract';
export * from './database';
export * from './errors.module';
export type { ErrorsModuleOptions } from './errors.options';
export { ERRORS_MODULE_OPTIONS } from './errors.options';
export * from './exceptions';
export * from './filter';
export * from './translators';
export * from './validation';
