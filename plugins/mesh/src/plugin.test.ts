import { meshPlugin } from './plugin';

describe('mesh', () => {
  it('should export plugin', () => {
    expect(meshPlugin).toBeDefined();
  });
});
