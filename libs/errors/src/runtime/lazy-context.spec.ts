import { ErrorCodeRegistry } from '../codes/registry.js';
import { LazyFactsContext } from './lazy-context.js';

describe('LazyFactsContext', () => {
  const registry = new ErrorCodeRegistry();
  const facts = {
    bodyLimitBytes: 1024,
    request: { method: 'POST', path: '/users', routeMatched: true, aborted: false },
  };

  it('asks the transport for the facts only when a translator reads one, and once', () => {
    const factsOf = jest.fn(() => facts);
    const context = new LazyFactsContext('id-1', registry, factsOf);
    expect(context.requestId).toBe('id-1');
    expect(context.registry).toBe(registry);
    expect(factsOf).not.toHaveBeenCalled();
    expect(context.request?.routeMatched).toBe(true);
    expect(context.bodyLimitBytes).toBe(1024);
    expect(factsOf).toHaveBeenCalledTimes(1);
  });

  it('shows the facts to a translator that spreads or logs the context', () => {
    const context = new LazyFactsContext('id-2', registry, () => facts);
    expect({ ...context }).toEqual({ requestId: 'id-2', registry, ...facts });
    expect(Object.keys(context)).toEqual(['requestId', 'registry', 'bodyLimitBytes', 'request']);
    expect(JSON.parse(JSON.stringify({ ...context, registry: undefined }))).toEqual({ requestId: 'id-2', ...facts });
  });
});
