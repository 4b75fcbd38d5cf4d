import {
  formatLabelSelector,
  fromLabelSelector,
  matchesSelector,
  parseLabelSelector,
} from './labelSelector';

describe('label selectors', () => {
  it.each([
    ['app=reviews', { app: 'reviews', version: 'v1' }, true],
    ['app==reviews', { app: 'reviews' }, true],
    ['app=reviews,version!=v1', { app: 'reviews', version: 'v1' }, false],
    ['app=reviews,version!=v1', { app: 'reviews', version: 'v2' }, true],
    ['tier in (web, api),!canary', { tier: 'api' }, true],
    ['tier in (web,api),!canary', { tier: 'api', canary: 'true' }, false],
    ['tier notin (web)', {}, true],
    [
      'backstage.io/kubernetes-id=productpage',
      { 'backstage.io/kubernetes-id': 'productpage' },
      true,
    ],
    ['name', { name: 'carts' }, true],
    ['name', { app: 'carts' }, false],
    // An empty value is legal in Kubernetes (`app=` selects app="").
    ['app=', { app: '' }, true],
  ])('%s matches %j: %s', (text, labels, expected) => {
    expect(matchesSelector(parseLabelSelector(text), labels)).toBe(expected);
  });

  it.each([
    '',
    '=x',
    'app=a b',
    'a in (x',
    'app="x"}',
    'app=~x',
    'a,,b',
    'x'.repeat(300),
  ])('rejects %j with a readable error', text => {
    expect(() => parseLabelSelector(text)).toThrow(/selector|label/i);
  });

  it('converts the structured form and formats back to text', () => {
    const parsed = fromLabelSelector({
      matchLabels: { app: 'reviews' },
      matchExpressions: [
        { key: 'version', operator: 'In', values: ['v2', 'v3'] },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    });
    expect(formatLabelSelector(parsed)).toBe(
      'app=reviews,version in (v2,v3),!canary',
    );
    expect(matchesSelector(parsed, { app: 'reviews', version: 'v3' })).toBe(
      true,
    );
    expect(matchesSelector(parsed, { app: 'reviews', version: 'v1' })).toBe(
      false,
    );
  });
});
