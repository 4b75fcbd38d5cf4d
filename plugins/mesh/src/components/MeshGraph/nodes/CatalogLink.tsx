import { createContext, ReactNode, useContext } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import GroupIcon from '@material-ui/icons/Group';

type EntityRoute = (params: {
  kind: string;
  namespace: string;
  name: string;
}) => string;

const EntityRouteContext = createContext<EntityRoute | undefined>(undefined);

/**
 * Resolves the catalog's entity route once for every CatalogLink inside: resolving it per link
 * (route matching against the current location) cost ~10 ms per 30 nodes on a big graph's
 * first paint (`npm run bench:ui`).
 */
export function EntityRouteProvider({ children }: { children: ReactNode }) {
  const entityRoute = useRouteRef(entityRouteRef);
  return (
    <EntityRouteContext.Provider value={entityRoute}>
      {children}
    </EntityRouteContext.Provider>
  );
}

export interface CatalogLinkProps {
  entityRef: string;
  defaultKind?: string;
  className?: string;
}

/**
 * A plain link to an entity page, labelled with the entity's name (owners get a group icon).
 * Graph nodes use it instead of EntityRefLink, which looks each entity up for its title: with
 * hundreds of nodes that is hundreds of lookups and components for text nobody reads zoomed out.
 * The route comes from the enclosing EntityRouteProvider (MeshGraph); without one, or when the
 * catalog's entity page is not mounted, the name is shown without a link.
 */
export function CatalogLink({
  entityRef,
  defaultKind,
  className,
}: CatalogLinkProps) {
  const entityRoute = useContext(EntityRouteContext);
  const { kind, namespace, name } = parseEntityRef(entityRef, {
    defaultKind,
    defaultNamespace: 'default',
  });
  const isGroup = kind.toLocaleLowerCase('en-US') === 'group';
  const content = (
    <>
      {isGroup && (
        <GroupIcon
          style={{ fontSize: 12, verticalAlign: 'middle', marginRight: 2 }}
          aria-hidden
        />
      )}
      {name}
    </>
  );
  if (!entityRoute) return <span title={entityRef}>{content}</span>;
  const to = entityRoute({
    kind: kind.toLocaleLowerCase('en-US'),
    namespace: namespace.toLocaleLowerCase('en-US'),
    name,
  });
  return (
    <Link to={to} className={className} title={entityRef}>
      {content}
    </Link>
  );
}
