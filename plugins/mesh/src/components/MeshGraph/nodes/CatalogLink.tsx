import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import GroupIcon from '@material-ui/icons/Group';

export interface CatalogLinkProps {
  entityRef: string;
  defaultKind?: string;
  className?: string;
}

/**
 * A plain link to an entity page, labelled with the entity's name (owners get a group icon).
 * Graph nodes use it instead of EntityRefLink, which looks each entity up for its title: with
 * hundreds of nodes that is hundreds of lookups and components for text nobody reads zoomed out.
 */
export function CatalogLink({
  entityRef,
  defaultKind,
  className,
}: CatalogLinkProps) {
  const entityRoute = useRouteRef(entityRouteRef);
  const { kind, namespace, name } = parseEntityRef(entityRef, {
    defaultKind,
    defaultNamespace: 'default',
  });
  const to = entityRoute({
    kind: kind.toLocaleLowerCase('en-US'),
    namespace: namespace.toLocaleLowerCase('en-US'),
    name,
  });
  const isGroup = kind.toLocaleLowerCase('en-US') === 'group';
  return (
    <Link to={to} className={className} title={entityRef}>
      {isGroup && (
        <GroupIcon
          style={{ fontSize: 12, verticalAlign: 'middle', marginRight: 2 }}
          aria-hidden
        />
      )}
      {name}
    </Link>
  );
}
