import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { FilterGrid } from '../common/FilterGrid';
import { MeshConfigResponse } from '@mesh-portal/plugin-mesh-common';
import { MeshConfigQuery } from '../../api';
import { shortEntityName } from '../../lib/groupNodes';

type ConfigFilter = keyof MeshConfigQuery;

/** The backend's owner value for objects that affect no entity (MeshWideConfigService). */
export const UNOWNED = 'unowned';

const SEVERITIES = ['error', 'warning', 'info'];

const FILTERS: { key: ConfigFilter; label: string }[] = [
  { key: 'namespace', label: 'Namespace' },
  { key: 'kind', label: 'Kind' },
  { key: 'severity', label: 'Severity' },
  { key: 'owner', label: 'Owner' },
];

/** Owners are entity refs (shown by name); `unowned` says what it means. */
export function ownerLabel(owner: string): string {
  return owner === UNOWNED
    ? 'Unowned (affects no entity)'
    : shortEntityName(owner);
}

export interface MeshConfigFiltersBarProps {
  facets: MeshConfigResponse['facets'];
  filters: MeshConfigQuery;
  onChange: (filters: MeshConfigQuery) => void;
}

/**
 * One single choice per filter of `GET /config`. The choices are the backend's facets, computed
 * before filtering, so narrowing one filter never removes the others' choices.
 */
export function MeshConfigFiltersBar({
  facets,
  filters,
  onChange,
}: MeshConfigFiltersBarProps) {
  const options: Record<ConfigFilter, string[]> = {
    namespace: facets.namespaces,
    kind: facets.kinds,
    severity: SEVERITIES,
    owner: facets.owners,
  };
  return (
    <FilterGrid label="Istio config filters">
      {FILTERS.map(({ key, label }) => (
        <Autocomplete<string>
          key={key}
          size="small"
          options={options[key]}
          value={filters[key] ?? null}
          getOptionLabel={value =>
            key === 'owner' ? ownerLabel(value) : value
          }
          onChange={(_event, value) =>
            onChange({ ...filters, [key]: value ?? undefined })
          }
          renderInput={params => (
            <TextField {...params} label={label} variant="outlined" />
          )}
        />
      ))}
    </FilterGrid>
  );
}
