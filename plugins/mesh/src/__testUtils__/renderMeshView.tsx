/*
 * Renders mesh UI in a Backstage test app with the mesh API test double, a catalog API mock and
 * the catalog's entity route, and exposes the URL's query string so tests can check view state.
 */
import { ReactElement } from 'react';
import { screen } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { meshApiRef } from '../api';
import { FakeMeshApi } from './fakeMeshApi';

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location-search">{location.search}</output>;
}

export interface RenderMeshViewOptions {
  meshApi: FakeMeshApi;
  /** The entity whose page the view is on. */
  entity?: Entity;
  /** Entities the catalog API mock knows (a System's Components). */
  catalogEntities?: Entity[];
  /** Initial URL, e.g. `/?view=health`. */
  url?: string;
}

export function renderMeshView(
  element: ReactElement,
  options: RenderMeshViewOptions,
) {
  return renderInTestApp(
    <>
      {options.entity ? (
        <EntityProvider entity={options.entity}>{element}</EntityProvider>
      ) : (
        element
      )}
      <LocationProbe />
    </>,
    {
      apis: [
        [meshApiRef, options.meshApi],
        [
          catalogApiRef,
          catalogApiMock({ entities: options.catalogEntities ?? [] }),
        ],
      ],
      // Nodes, tables and cards link to entities.
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: [options.url ?? '/'],
    },
  );
}

/** The query string of the test app's current URL. */
export function currentSearchParams(): URLSearchParams {
  return new URLSearchParams(
    screen.getByTestId('location-search').textContent ?? '',
  );
}
