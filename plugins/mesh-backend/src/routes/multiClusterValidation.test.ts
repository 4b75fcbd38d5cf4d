/*
 * Validations that need the whole mesh, through the real backend and the snapshot source (real
 * manifests on disk, read as a cluster dump): a two-cluster mesh where "east" runs Istio's Bookinfo
 * (`bookinfo.yaml`) behind its Gateway API gateway (`gateway-api/bookinfo-gateway.yaml`) and "west"
 * runs Istio's `sleep` sample. In east, an AuthorizationPolicy lets west's sleep in (KIA0107: the
 * account is on a remote cluster, not missing), a WorkloadGroup names an account no namespace has
 * (KIA1701) and two groups label their VMs alike (KIA1702); a Gateway of a class nobody implements
 * is KIA1504 while Bookinfo's `istio` gateway is accepted.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { stringify } from 'yaml';
import { MeshConfigResponse } from '@mesh-portal/plugin-mesh-common';
import {
  describeWithFixtures,
  readYamlFixture,
} from '../__testUtils__/fixtures';
import { startMeshBackend } from '../__testUtils__/testBackend';

const extra = [
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: 'from-west-sleep' },
    spec: {
      selector: { matchLabels: { app: 'productpage' } },
      rules: [
        {
          from: [
            {
              source: {
                principals: [
                  'cluster.local/ns/default/sa/sleep',
                  'cluster.local/ns/default/sa/nobody',
                ],
              },
            },
          ],
        },
      ],
    },
  },
  ...['vm-a', 'vm-b'].map(name => ({
    apiVersion: 'networking.istio.io/v1',
    kind: 'WorkloadGroup',
    metadata: { name },
    spec: {
      metadata: { labels: { app: 'legacy-ratings' } },
      template: {
        serviceAccount: name === 'vm-a' ? 'bookinfo-ratings' : 'legacy',
      },
    },
  })),
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'edge' },
    spec: {
      gatewayClassName: 'haproxy',
      listeners: [{ name: 'http', port: 8080, protocol: 'HTTP' }],
    },
  },
];

function writeDump(dir: string, name: string, docs: any[]): string {
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, docs.map(d => stringify(d)).join('---\n'));
  return file;
}

describeWithFixtures('validations across the clusters of a mesh', () => {
  it('finds remote principals, WorkloadGroup and GatewayClass problems', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-mc-'));
    try {
      const east = writeDump(dir, 'east', [
        ...readYamlFixture('istio/bookinfo/platform/kube/bookinfo.yaml'),
        ...readYamlFixture('istio/bookinfo/gateway-api/bookinfo-gateway.yaml'),
        ...extra,
      ]);
      const west = writeDump(
        dir,
        'west',
        readYamlFixture('istio/sleep/sleep.yaml'),
      );
      const server = await startMeshBackend({
        demo: false,
        config: {
          mesh: {
            clusters: [
              {
                name: 'east',
                istioClusterId: 'east',
                snapshot: { path: east },
              },
              {
                name: 'west',
                istioClusterId: 'west',
                snapshot: { path: west },
              },
            ],
          },
        },
      });
      const res = await request(server).get('/api/mesh/config');
      expect(res.status).toBe(200);
      const body: MeshConfigResponse = res.body;
      const checks = body.objects.flatMap(o =>
        o.checks.map(
          c =>
            `${o.ref.cluster} ${c.code} ${o.ref.kind}/${o.ref.name} ${c.path}`,
        ),
      );
      expect(checks.filter(c => /KIA01|KIA15|KIA17/.test(c)).sort()).toEqual([
        'east KIA0106 AuthorizationPolicy/from-west-sleep spec/rules[0]/from[0]/source/principals[1]',
        'east KIA0107 AuthorizationPolicy/from-west-sleep spec/rules[0]/from[0]/source/principals[0]',
        'east KIA1504 Gateway/edge spec/gatewayClassName',
        'east KIA1701 WorkloadGroup/vm-b spec/template/serviceAccount',
        'east KIA1702 WorkloadGroup/vm-a spec/metadata/labels',
        'east KIA1702 WorkloadGroup/vm-b spec/metadata/labels',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
