import { WarningPanel } from '@backstage/core-components';
import {
  MeshEdgeEndpoint,
  MeshPlaintextEdge,
} from '@mesh-portal/plugin-mesh-common';
import {
  formatBytesPerSecond,
  formatPercent,
  formatRps,
} from '../../lib/format';

const endpoint = (end: MeshEdgeEndpoint) =>
  `${end.name} (${end.namespace})${end.isOutOfMesh ? ', out of mesh' : ''}`;

function describe(edge: MeshPlaintextEdge): string {
  const rate =
    edge.protocol === 'tcp'
      ? formatBytesPerSecond(edge.bytesPerSecond ?? 0)
      : formatRps(edge.rps);
  const evidence =
    edge.evidence === 'inventory'
      ? 'an end has no proxy'
      : `server saw ${formatPercent(edge.mtls)} over mTLS`;
  return `${endpoint(edge.source)} → ${endpoint(
    edge.destination,
  )}: ${edge.protocol.toUpperCase()} ${rate}, ${evidence}`;
}

/** Edges of the entity that carried traffic without mutual TLS; nothing when there are none. */
export function PlaintextEdges({ edges }: { edges: MeshPlaintextEdge[] }) {
  if (edges.length === 0) return null;
  return (
    <WarningPanel
      severity="warning"
      title={`${edges.length} ${
        edges.length === 1 ? 'edge carries' : 'edges carry'
      } plain-text traffic`}
      message="Traffic on these edges is not protected by mutual TLS. Move the clients into the mesh, or set the PeerAuthentication to STRICT once they are."
      defaultExpanded
    >
      <ul style={{ margin: 0, paddingLeft: '1.25em' }}>
        {edges.map(edge => (
          <li key={describe(edge)}>{describe(edge)}</li>
        ))}
      </ul>
    </WarningPanel>
  );
}
