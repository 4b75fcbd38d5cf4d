import { GraphGrouping } from '../../lib/groupNodes';
import { RollupViewState } from '../../lib/rollupViewState';
import { ChoiceToggle } from './ChoiceToggle';
import { WindowToolbar } from './MeshToolbar';

const GROUPING_CHOICES: Array<{ value: GraphGrouping; label: string }> = [
  { value: 'none', label: 'No grouping' },
  { value: 'system', label: 'By system' },
  { value: 'owner', label: 'By owner' },
];

export interface RollupToolbarProps {
  state: RollupViewState;
  update: (patch: Partial<RollupViewState>) => void;
  resource: { loading: boolean; retry: () => void };
  updatedAt?: string;
}

/** Window, graph grouping and refresh for the team tab and the overview page. */
export function RollupToolbar({
  state,
  update,
  resource,
  updatedAt,
}: RollupToolbarProps) {
  return (
    <WindowToolbar
      state={state}
      update={update}
      resource={resource}
      updatedAt={updatedAt}
    >
      <ChoiceToggle
        label="Group graph"
        value={state.grouping}
        choices={GROUPING_CHOICES}
        onChange={grouping => update({ grouping })}
      />
    </WindowToolbar>
  );
}
