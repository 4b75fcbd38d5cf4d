import { MeshGraphType } from '@mesh-portal/plugin-mesh-common';
import { EdgeLabelMetric } from '../../lib/toFlowElements';
import { ChoiceToggle } from '../common/ChoiceToggle';
import { WindowToolbar } from '../common/MeshToolbar';
import { MeshSubViewProps } from '../EntityMeshContent/types';

const GRAPH_TYPE_CHOICES: Array<{
  value: MeshGraphType;
  label: string;
  title: string;
}> = [
  {
    value: 'workload',
    label: 'Workload',
    title: 'One node per Deployment, StatefulSet or DaemonSet',
  },
  {
    value: 'app',
    label: 'App',
    title: 'Workloads sharing an app (canonical service) merged',
  },
  {
    value: 'versionedApp',
    label: 'Versioned app',
    title: 'Apps split by version',
  },
  {
    value: 'service',
    label: 'Service',
    title: 'Traffic by destination Service',
  },
];

const HOP_CHOICES = [
  { value: 1, label: '1 hop', title: 'Direct callers and callees' },
  {
    value: 2,
    label: '2 hops',
    title: 'Callers of callers and callees of callees too',
  },
];

export const EDGE_LABEL_CHOICES: Array<{
  value: EdgeLabelMetric;
  label: string;
}> = [
  { value: 'rps', label: 'Requests/s' },
  { value: 'errorRate', label: 'Error %' },
  { value: 'p95', label: 'p95 latency' },
  { value: 'mtls', label: 'mTLS' },
];

export interface TrafficToolbarProps
  extends Pick<MeshSubViewProps, 'state' | 'update'> {
  resource: { loading: boolean; retry: () => void };
  updatedAt?: string;
}

/** The traffic graph's controls: window, graph type, hops, edge labels and refresh. */
export function TrafficToolbar({
  state,
  update,
  resource,
  updatedAt,
}: TrafficToolbarProps) {
  return (
    <WindowToolbar
      state={state}
      update={update}
      resource={resource}
      updatedAt={updatedAt}
    >
      <ChoiceToggle
        label="Graph type"
        value={state.graphType}
        choices={GRAPH_TYPE_CHOICES}
        // Node ids differ between graph types: a selection or focus would point at nothing.
        onChange={graphType =>
          update({ graphType, selection: undefined, focusNode: undefined })
        }
      />
      <ChoiceToggle
        label="Hops"
        value={state.hops}
        choices={HOP_CHOICES}
        onChange={hops => update({ hops })}
      />
      <ChoiceToggle
        label="Edge labels"
        value={state.edgeLabel}
        choices={EDGE_LABEL_CHOICES}
        onChange={edgeLabel => update({ edgeLabel })}
      />
    </WindowToolbar>
  );
}
