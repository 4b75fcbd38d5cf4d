/*
 * mTLS share per edge from `connection_security_policy` as the *server* saw it: Istio documents the
 * label as meaningful only for reporter="destination"; ztunnel's source-side reports are also
 * reliable (it originates the HBONE tunnel), as Kiali counts them for ambient (§2.9). Unlike Kiali,
 * which keys this per node pair, we keep it per edge and protocol, so an HTTP and a TCP edge
 * between the same nodes can differ.
 */
import { sampleList } from '../../sources/sampleList';
import { TrafficSnapshot } from '../../sources/types';
import { edgeIdOf, requestProtocol } from '../buildTrafficMap';
import { ClusterNames } from '../nodeIdentity';
import { eachSliced, SlicedWork } from '../slicedWork';
import { TrafficMap } from '../types';

export function* addSecurity(
  map: TrafficMap,
  snapshot: TrafficSnapshot,
  clusterName: ClusterNames,
): SlicedWork<void> {
  const account = (
    labels: Record<string, string>,
    protocol: 'http' | 'grpc' | 'tcp',
    value: number,
  ) => {
    const trusted =
      labels.reporter === 'destination' ||
      (labels.app === 'ztunnel' && labels.reporter === 'source');
    if (!trusted || labels.connection_security_policy === 'unknown') return;
    const e = map.edges.get(edgeIdOf(labels, protocol, map, clusterName));
    if (!e) return;
    e.securityReportedRate += value;
    if (labels.connection_security_policy === 'mutual_tls') e.mtlsRate += value;
  };
  yield* eachSliced(snapshot.requests, s =>
    account(s.labels, requestProtocol(s.labels), s.value),
  );
  // ztunnel may report the same connection from both ends; the destination side is enough when present.
  const pairKey = (l: Record<string, string>) =>
    `${l.source_workload}|${l.source_workload_namespace}|${l.destination_workload}|${l.destination_workload_namespace}`;
  const reportedByDestination = new Set<string>();
  yield* eachSliced(sampleList(snapshot.tcpSent), s => {
    if (s.labels.reporter === 'destination')
      reportedByDestination.add(pairKey(s.labels));
  });
  yield* eachSliced(snapshot.tcpSent, s => {
    if (
      s.labels.reporter === 'destination' ||
      !reportedByDestination.has(pairKey(s.labels))
    )
      account(s.labels, 'tcp', s.value);
  });
}
