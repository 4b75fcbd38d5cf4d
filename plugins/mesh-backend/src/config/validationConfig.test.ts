import { ConfigReader } from '@backstage/config';
import { readValidationConfig } from './validationConfig';

const read = (validations?: unknown) =>
  readValidationConfig(
    new ConfigReader({ ...(validations !== undefined ? { validations } : {}) }),
  );

describe('readValidationConfig', () => {
  it("ignores KIA1301 by default, like Kiali's validations.ignore", () => {
    expect(read()).toEqual({ ignore: ['KIA1301'] });
    expect(readValidationConfig(undefined)).toEqual({ ignore: ['KIA1301'] });
  });

  it('takes an explicit list, an empty one reporting everything', () => {
    expect(read({ ignore: ['KIA0004', 'KIA1104'] })).toEqual({
      ignore: ['KIA0004', 'KIA1104'],
    });
    expect(read({ ignore: [] })).toEqual({ ignore: [] });
  });

  it('rejects what is not a Kiali code, saying where', () => {
    expect(() => read({ ignore: ['KIA1301', 'kia0004'] })).toThrow(
      "mesh.validations.ignore[1] must be a Kiali validation code like KIA1301, got 'kia0004'",
    );
  });
});
