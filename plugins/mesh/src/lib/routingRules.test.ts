/* Routing rules in words, from the specs the Config view receives. */
import { routingRules, routingText } from './routingRules';

describe('routingRules', () => {
  it('reads a mesh HTTPRoute weighted split (the demo hotels route)', () => {
    const rules = routingRules('HTTPRoute', {
      parentRefs: [{ group: '', kind: 'Service', name: 'hotels', port: 8000 }],
      rules: [
        {
          backendRefs: [
            { name: 'hotels-v1', port: 8000, weight: 90 },
            { name: 'hotels-v2', port: 8000, weight: 10 },
          ],
        },
      ],
    });
    expect(rules.map(routingText)).toEqual([
      'any request → hotels-v1:8000 90%, hotels-v2:8000 10%',
    ]);
  });

  it('reads VirtualService matches, subsets and weights', () => {
    const rules = routingRules('VirtualService', {
      http: [
        {
          match: [{ headers: { 'end-user': { exact: 'jason' } } }],
          route: [{ destination: { host: 'reviews', subset: 'v2' } }],
        },
        {
          route: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 75 },
            { destination: { host: 'reviews', subset: 'v3' }, weight: 25 },
          ],
        },
      ],
    });
    expect(rules.map(routingText)).toEqual([
      'header end-user = jason → reviews subset v2',
      'any request → reviews subset v1 75%, reviews subset v3 25%',
    ]);
  });

  it('reads Gateway API path, header and gRPC method matches', () => {
    expect(
      routingRules('HTTPRoute', {
        rules: [
          {
            matches: [
              { path: { type: 'PathPrefix', value: '/api' } },
              { headers: [{ name: 'x-canary', value: 'yes' }] },
            ],
            backendRefs: [{ name: 'hotels', port: 8000 }],
          },
        ],
      }).map(routingText),
    ).toEqual(['path /api* or header x-canary = yes → hotels:8000']);
    expect(
      routingRules('GRPCRoute', {
        rules: [
          {
            matches: [{ method: { service: 'shop.Cart', method: 'Get' } }],
            backendRefs: [{ name: 'cart', port: 7070 }],
          },
        ],
      }).map(routingText),
    ).toEqual(['gRPC shop.Cart/Get → cart:7070']);
  });

  it('leaves other kinds and missing specs alone', () => {
    expect(routingRules('DestinationRule', { host: 'x' })).toEqual([]);
    expect(routingRules('HTTPRoute', undefined)).toEqual([]);
  });
});
