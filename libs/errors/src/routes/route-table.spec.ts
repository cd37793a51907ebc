import 'reflect-metadata';
import { All, Controller, Delete, Get, Patch, Post } from '@nestjs/common';
import { allowedMethods, matchesTemplate, routeTable } from './route-table.js';

@Controller('users')
class UsersController {
  @Get() list(): void {}
  @Post() create(): void {}
  @Get(':id') find(): void {}
  @Patch(':id') update(): void {}
  @Delete(':id') remove(): void {}
}

@Controller(['a', 'b'])
class TwoPathsController {
  @Get(['x', 'y/:id']) find(): void {}
}

@Controller('any')
class AnyController {
  @All() everything(): void {}
}

describe('routeTable', () => {
  it("lists each handler's method and path under the global prefix, in OpenAPI's template syntax", () => {
    expect(
      routeTable([UsersController], 'api/v0').map(({ method, path, handlerName }) => [method, path, handlerName]),
    ).toEqual([
      ['GET', '/api/v0/users', 'list'],
      ['POST', '/api/v0/users', 'create'],
      ['GET', '/api/v0/users/{id}', 'find'],
      ['PATCH', '/api/v0/users/{id}', 'update'],
      ['DELETE', '/api/v0/users/{id}', 'remove'],
    ]);
    expect(routeTable([TwoPathsController]).map((entry) => entry.path)).toEqual([
      '/a/x',
      '/a/y/{id}',
      '/b/x',
      '/b/y/{id}',
    ]);
  });

  it('allows the methods of the path; GET brings HEAD; no route, no methods; @All() allows everything', () => {
    const table = routeTable([UsersController, AnyController], 'api');
    expect(allowedMethods(table, '/api/users')).toEqual(['GET', 'HEAD', 'POST']);
    expect(allowedMethods(table, '/api/users/12/')).toEqual(['DELETE', 'GET', 'HEAD', 'PATCH']);
    expect(allowedMethods(table, '/api/users/12/x')).toEqual([]);
    expect(allowedMethods(table, '/users')).toEqual([]);
    expect(allowedMethods(table, '/api/any')).toEqual([]);
  });

  it('matches a parameter to one segment, whatever it holds', () => {
    expect(matchesTemplate('/u/{id}', '/u/%zz')).toBe(true);
    expect(matchesTemplate('/u/{id}', '/u/')).toBe(false);
    expect(matchesTemplate('/u/{id}', '/u/1/2')).toBe(false);
    expect(matchesTemplate('/u.v/{id}', '/uxv/1')).toBe(false);
  });
});
