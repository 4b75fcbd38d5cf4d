import { TrafficSnapshot } from '../../sources/types';
import { buildTrafficMap } from '../buildTrafficMap';
import { addServiceEntries, ClusterServiceEntry } from './addServiceEntries';

const egress = (host: string, value: number) => ({
  labels: {
    reporter: 'source',
    source_cluster: 'east',
    source_workload_namespace: 'shop',
    source_workload: 'cart',
    source_canonical_service: 'cart',
    destination_cluster: 'unknown',
    destination_workload: 'unknown',
    destination_workload_namespace: 'unknown',
    destination_canonical_service: 'unknown',
    destination_service: host,
    destination_service_name: host,
    destination_service_namespace: 'shop',
    request_protocol: 'http',
    response_code: '200',
    grpc_response_status: '',
    response_flags: '-',
  },
  value,
});
const snapshot: TrafficSnapshot = {
  requests: [
    egress('www.googleapis.com', 2),
    egress('storage.googleapis.com', 3),
    egress('api.other.example', 1),
  ],
  tcpSent: [],
  tcpReceived: [],
  latency: [],
};
const entry = (
  name: string,
  hosts: string[],
  location?: string,
): ClusterServiceEntry => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'ServiceEntry',
  metadata: { name, namespace: 'shop' },
  spec: { hosts, ...(location ? { location } : {}) },
  cluster: 'east',
});

describe('addServiceEntries', () => {
  it('folds every host of one ServiceEntry, wildcards included, into one external node', () => {
    const map = buildTrafficMap(snapshot, 'workload', id =>
      id === 'unknown' ? 'east' : id,
    );
    addServiceEntries(map, [entry('google-apis', ['*.googleapis.com'])]);
    expect([...map.nodes.keys()].sort()).toEqual([
      'se:east:shop:google-apis',
      'svc:east:shop:api.other.example',
      'wl:east:shop:cart',
    ]);
    expect(map.nodes.get('se:east:shop:google-apis')).toMatchObject({
      type: 'external',
      serviceEntry: { location: 'MESH_EXTERNAL', hosts: ['*.googleapis.com'] },
    });
    const edge = map.edges.get(
      'wl:east:shop:cart->se:east:shop:google-apis:http',
    )!;
    expect(edge.responses).toEqual({ '200': 5 });
  });

  it('keeps MESH_INTERNAL entries as service nodes and leaves unmatched hosts alone', () => {
    const map = buildTrafficMap(snapshot, 'workload', id =>
      id === 'unknown' ? 'east' : id,
    );
    addServiceEntries(map, [
      entry('other', ['api.other.example'], 'MESH_INTERNAL'),
      { ...entry('west-only', ['*.googleapis.com']), cluster: 'west' },
    ]);
    expect(map.nodes.get('se:east:shop:other')?.type).toBe('service');
    expect(map.nodes.has('svc:east:shop:www.googleapis.com')).toBe(true);
  });
});
