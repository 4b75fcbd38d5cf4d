import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { demo } from '../../__fixtures__/demo';
import {
  createFakeMeshApi,
  FakeMeshApi,
} from '../../__testUtils__/fakeMeshApi';
import { renderMeshView } from '../../__testUtils__/renderMeshView';
import { MeshConfigSection } from './MeshConfigSection';

let meshApi: FakeMeshApi;
const render = () => renderMeshView(<MeshConfigSection />, { meshApi });

/** The table row of an object, found by its YAML button (`kind namespace/name`). */
async function rowOf(object: string) {
  const button = await screen.findByRole('button', {
    name: `YAML of ${object}`,
  });
  return button.closest('tr')!;
}

describe('MeshConfigSection', () => {
  beforeEach(() => {
    meshApi = createFakeMeshApi();
  });

  it('lists every object with its findings, affected entities and owners', async () => {
    render();

    const total = demo.meshConfig.objects.length;
    expect(await screen.findByText(`Objects (${total})`)).toBeInTheDocument();
    expect(meshApi.getMeshConfig).toHaveBeenCalledWith({});

    // The demo's VirtualService bound to a Gateway that does not exist, for no entity's host.
    const legacy = within(
      await rowOf('VirtualService istio-system/legacy-promo'),
    );
    expect(legacy.getByText(/^KIA1102:/)).toBeInTheDocument();
    expect(legacy.getByText('none')).toBeInTheDocument();
    expect(legacy.getByText('Unowned (affects no entity)')).toBeInTheDocument();

    const reviews = within(await rowOf('VirtualService bookinfo/reviews'));
    expect(reviews.getAllByText('No findings').length).toBeGreaterThan(0);
    expect(
      within(reviews.getByLabelText('Affected entities')).getByRole('link', {
        name: 'reviews',
      }),
    ).toBeInTheDocument();
    expect(
      within(reviews.getByLabelText('Owners')).getByRole('link', {
        name: 'bookinfo-team',
      }),
    ).toBeInTheDocument();
  });

  it('asks the backend for the chosen filters', async () => {
    const unowned = {
      ...demo.meshConfig,
      objects: demo.meshConfig.objects.filter(o =>
        o.owners.includes('unowned'),
      ),
      filters: { owner: 'unowned' },
    };
    render();
    const filters = within(
      await screen.findByRole('group', { name: 'Istio config filters' }),
    );

    meshApi.getMeshConfig.mockResolvedValueOnce(unowned);
    await userEvent.click(filters.getByLabelText('Owner'));
    await userEvent.click(
      await screen.findByRole('option', {
        name: 'Unowned (affects no entity)',
      }),
    );
    expect(
      await screen.findByText(`Objects (${unowned.objects.length})`),
    ).toBeInTheDocument();
    expect(meshApi.getMeshConfig).toHaveBeenLastCalledWith({
      owner: 'unowned',
    });

    meshApi.getMeshConfig.mockResolvedValueOnce({ ...unowned, objects: [] });
    await userEvent.click(filters.getByLabelText('Severity'));
    await userEvent.click(await screen.findByRole('option', { name: 'info' }));
    expect(meshApi.getMeshConfig).toHaveBeenLastCalledWith({
      owner: 'unowned',
      severity: 'info',
    });
    expect(
      await screen.findByText('No object matches these filters.'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    expect(meshApi.getMeshConfig).toHaveBeenLastCalledWith({});
  });

  it('shows YAML ready to re-apply: apiVersion, kind, metadata and spec', async () => {
    render();

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'YAML of VirtualService istio-system/legacy-promo',
      }),
    );

    const dialog = await screen.findByRole('dialog');
    // The code view loads its highlighter lazily.
    await waitFor(() => expect(dialog).toHaveTextContent('apiVersion'));
    const yaml = dialog.querySelector('pre')!.textContent;
    expect(yaml).toMatch(
      /^apiVersion: networking\.istio\.io\/v1\s*kind: VirtualService\s/,
    );
    expect(yaml).toMatch(/name: legacy-promo\s+namespace: istio-system/);
    expect(yaml).toContain('gateways:');
  });

  it('counts the objects withheld from the caller without naming them', async () => {
    meshApi.getMeshConfig.mockResolvedValueOnce({
      ...demo.meshConfig,
      withheldObjects: 2,
    });
    render();
    expect(
      await screen.findByText(/^2 more objects affect only entities/),
    ).toBeInTheDocument();
  });

  it('explains an empty mesh and a failed request', async () => {
    meshApi.getMeshConfig.mockResolvedValueOnce({
      ...demo.meshConfig,
      objects: [],
      facets: { kinds: [], namespaces: [], owners: [] },
    });
    const { unmount } = await render();
    expect(
      await screen.findByText('No Istio or Gateway API objects in the mesh'),
    ).toBeInTheDocument();
    unmount();

    meshApi.getMeshConfig.mockRejectedValueOnce(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'NotAllowedError', message: 'denied' },
          }),
          {
            status: 403,
            headers: { 'Content-Type': 'application/json' },
          },
        ) as any,
      ),
    );
    render();
    expect(
      await screen.findByRole('status', { name: 'Access denied' }),
    ).toBeInTheDocument();
  });
});
