import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { FilterGrid } from '../common/FilterGrid';
import {
  ENTITY_FACETS,
  EntityFacet,
  EntityFilters,
} from '../../lib/entityFilters';
import { shortEntityName } from '../../lib/groupNodes';

const FACET_LABELS: Record<EntityFacet, string> = {
  owner: 'Owner',
  system: 'System',
  lifecycle: 'Lifecycle',
  namespace: 'Namespace',
  cluster: 'Cluster',
  health: 'Health',
};

/** Owners and Systems are entity refs; show them by name. */
const optionLabel = (facet: EntityFacet, value: string) =>
  facet === 'owner' || facet === 'system' ? shortEntityName(value) : value;

export interface EntityFiltersBarProps {
  options: Record<EntityFacet, string[]>;
  filters: EntityFilters;
  onChange: (filters: EntityFilters) => void;
}

/** One multi-select per facet; each offers only values that occur. */
export function EntityFiltersBar({
  options,
  filters,
  onChange,
}: EntityFiltersBarProps) {
  return (
    <FilterGrid label="Filters">
      {ENTITY_FACETS.map(facet => (
        <Autocomplete
          key={facet}
          multiple
          size="small"
          options={options[facet]}
          value={filters[facet] ?? []}
          getOptionLabel={value => optionLabel(facet, value)}
          onChange={(_event, values) =>
            onChange({ ...filters, [facet]: values })
          }
          renderInput={params => (
            <TextField
              {...params}
              label={FACET_LABELS[facet]}
              variant="outlined"
            />
          )}
        />
      ))}
    </FilterGrid>
  );
}
