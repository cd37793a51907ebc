export * from './body-media-type.guard';
export * from './client-error.handler';
export * from './error-contract.filter';
export * from './fastify-framework-errors';
export * from './log-format';
export * from './request-id';
export * from './request-id.hooks';
