import { ConfigReader } from '@backstage/config';
import { readNameMappingConfig } from './nameMappingConfig';

const read = (nameMapping?: unknown) =>
  readNameMappingConfig(
    new ConfigReader(nameMapping === undefined ? {} : { nameMapping }),
  );

describe('mesh.nameMapping', () => {
  it('is on for Components and Resources by default', () => {
    expect(read()).toEqual({ enabled: true, kinds: ['component', 'resource'] });
    expect(readNameMappingConfig(undefined)).toEqual(read());
  });

  it('can be turned off, restricted to some kinds, and given a namespace convention', () => {
    expect(read({ enabled: false })).toMatchObject({ enabled: false });
    expect(read({ kinds: ['Component'], namespace: 'team-{system}' })).toEqual({
      enabled: true,
      kinds: ['component'],
      namespace: 'team-{system}',
    });
  });

  it('rejects kinds and templates it cannot use, with the key in the message', () => {
    expect(() => read({ kinds: ['Compo nent'] })).toThrow(
      /mesh.nameMapping.kinds\[0\]/,
    );
    expect(() => read({ namespace: '{owner}' })).toThrow(
      /mesh.nameMapping.namespace .*\{system\}/,
    );
    expect(() => read({ namespace: 'Bad_NS' })).toThrow(
      /mesh.nameMapping.namespace/,
    );
  });
});
