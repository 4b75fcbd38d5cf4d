import { render, screen } from '@testing-library/react';
import meshPlugin from '@mesh-portal/plugin-mesh/alpha';
import * as meshMainEntry from '@mesh-portal/plugin-mesh';
import meshPackageJson from '@mesh-portal/plugin-mesh/package.json';
import appPackageJson from '../package.json';
import App from './App';

/*
 * The mesh plugin is not listed in App.tsx: with `app.packages: all` the Backstage CLI
 * discovers frontend plugins among this package's dependencies and, for packages that export
 * `./alpha`, loads the default export of both the main entry and `./alpha`. These tests pin
 * what that relies on, so that the plugin stays installed, and installed once.
 */
describe('mesh plugin discovery', () => {
  it('is discoverable from the app dependencies through its ./alpha entry', () => {
    expect(appPackageJson.dependencies).toHaveProperty(
      '@mesh-portal/plugin-mesh',
    );
    expect(meshPackageJson.backstage.role).toBe('frontend-plugin');
    expect(Object.keys(meshPackageJson.exports)).toContain('./alpha');
    expect(meshPlugin.id).toBe('mesh');
    expect(meshPlugin.getExtension('entity-content:mesh')).toBeDefined();
    expect(meshPlugin.getExtension('entity-content:mesh/team')).toBeDefined();
    // The overview page has a title and an icon: the sidebar lists it (see modules/nav).
    expect(meshPlugin.getExtension('page:mesh')).toBeDefined();
    // Discovery loads the main entry's default export too; it stays empty so that the plugin
    // is installed from ./alpha only.
    expect((meshMainEntry as { default?: unknown }).default).toBeUndefined();
  });

  it('boots the app with the discovered plugin', async () => {
    // What the CLI's generated `__backstage-autodetected-plugins__` module sets at runtime.
    (window as any)['__@backstage/discovered__'] = {
      modules: [
        { name: '@mesh-portal/plugin-mesh', default: undefined },
        {
          name: '@mesh-portal/plugin-mesh',
          export: './alpha',
          default: meshPlugin,
        },
      ],
    };
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test', packages: 'all' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // The sign-in page means the app tree was built; startup errors would replace it.
    expect(
      await screen.findByText(/Enter as a Guest User/, {}, { timeout: 10000 }),
    ).toBeInTheDocument();
    expect(screen.queryByText('App startup failed')).not.toBeInTheDocument();
    delete (window as any)['__@backstage/discovered__'];
  });
});
