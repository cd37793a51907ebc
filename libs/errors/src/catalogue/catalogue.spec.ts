import { ErrorCodeRegistry } from '../codes/registry.js';
import { defineErrorCode } from '../codes/error-code.js';
import { ROUTE_NOT_FOUND } from '../codes/request.codes.js';
import { catalogueEntries } from './catalogue-entry.js';
import { cataloguePage, entryPage } from './catalogue-page.js';
import { cataloguePath } from './catalogue-routes.js';
import { prefersHtml } from './prefers-html.js';

const WIDGET_GONE = defineErrorCode('6001', 'WIDGET_GONE', 404, 'No widget <b>{id}</b>.', {
  details: '{ id: number }',
});

describe('the catalogue', () => {
  const registry = new ErrorCodeRegistry()
    .register([ROUTE_NOT_FOUND], 'library')
    .register([WIDGET_GONE], 'application');
  const entries = catalogueEntries(
    registry.entries(),
    [
      { de: { codes: { '1001': 'Keine Route passt zu {method} {path}.' } } },
      { fr: { codes: { '6001': 'Pas de widget {id}.' } } },
    ],
    'en',
    new Map([['6001', ['GET /widgets/{id}']]]),
    (code) => `/errors/${code}`,
  );

  it('lists every registered code with its message in each locale (a missing one falls back to the default)', () => {
    expect(entries).toEqual([
      {
        code: '1001',
        name: 'ROUTE_NOT_FOUND',
        status: 404,
        category: 'request',
        owner: 'library',
        messages: {
          en: 'No route matches {method} {path}.',
          de: 'Keine Route passt zu {method} {path}.',
          fr: 'No route matches {method} {path}.',
        },
        details: '{ method: string, path: string }',
        description: 'The method and path match no route of the API.',
        type: '/errors/1001',
        routes: [],
      },
      {
        code: '6001',
        name: 'WIDGET_GONE',
        status: 404,
        category: 'application',
        owner: 'application',
        messages: { en: 'No widget <b>{id}</b>.', de: 'No widget <b>{id}</b>.', fr: 'Pas de widget {id}.' },
        details: '{ id: number }',
        description: null,
        type: '/errors/6001',
        routes: ['GET /widgets/{id}'],
      },
    ]);
  });

  it('escapes what it puts into HTML', () => {
    expect(cataloguePage(entries, '/errors')).toContain('<td>No widget &#60;b&#62;{id}&#60;/b&#62;.</td>');
    expect(entryPage(entries[1], '/errors')).toContain('<li><code>GET /widgets/{id}</code></li>');
  });

  it.each([
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', true],
    ['application/json', false],
    ['*/*', false],
    [undefined, false],
    ['text/html;q=0.5, application/json', false],
    ['text/*', true],
  ])('Accept %j prefers HTML: %s', (accept, html) => {
    expect(prefersHtml(accept)).toBe(html);
  });

  it('takes a plain path', () => {
    expect(cataloguePath('errors/')).toBe('/errors');
    expect(() => cataloguePath('/errors/:code')).toThrow('ErrorsModule option catalogue.path is "/errors/:code"');
  });
});
