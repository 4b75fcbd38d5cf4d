import { screen, within } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  NavContentBlueprint,
  NavContentNavItem,
  NavContentNavItems,
} from '@backstage/plugin-app-react';
import { SidebarContent } from './Sidebar';

/** Nav items as the app derives them from page extensions, with the take/rest bookkeeping. */
function navItemsOf(items: Array<{ id: string; title: string; href: string }>) {
  const left = [...items];
  const render = (item: (typeof items)[number], Component: any) => (
    <Component
      key={item.id}
      href={item.href}
      title={item.title}
      icon={<span />}
    />
  );
  return {
    withComponent: (Component: any) => ({
      take: (id: string) => {
        const index = left.findIndex(item => item.id === id);
        return index === -1
          ? null
          : render(left.splice(index, 1)[0], Component);
      },
      rest: () => left.splice(0).map(item => render(item, Component)),
    }),
  } as unknown as NavContentNavItems;
}

describe('Sidebar', () => {
  it('lists the mesh overview right after the catalog', async () => {
    const Component = createExtensionTester(SidebarContent).get(
      NavContentBlueprint.dataRefs.component,
    );
    const items: Array<
      Pick<NavContentNavItem, 'title' | 'href'> & { id: string }
    > = [
      { id: 'page:api-docs', title: 'APIs', href: '/api-docs' },
      { id: 'page:mesh', title: 'Service mesh', href: '/mesh' },
      { id: 'page:catalog', title: 'Catalog', href: '/catalog' },
      { id: 'page:user-settings', title: 'Settings', href: '/settings' },
    ];

    await renderInTestApp(
      <Component navItems={navItemsOf(items)} items={[]} />,
    );

    const menu = screen.getByRole('navigation');
    const links = within(menu)
      .getAllByRole('link')
      .map(link => link.getAttribute('href'));
    const catalog = links.indexOf('/catalog');
    expect(catalog).toBeGreaterThanOrEqual(0);
    expect(links[catalog + 1]).toBe('/mesh');
    expect(screen.getByText('Service mesh')).toBeInTheDocument();
  });
});
