/*
 * Snapshot clusters read from real manifests: a `kubectl get -o yaml` List dump, a typed list as
 * the raw API returns it, and a directory of plain multi-document manifests (shared/fixtures).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { stringify } from 'yaml';
import { SnapshotClusterConfig } from '../../config/clusterConfig';
import { deriveWorkloads } from '../../kube/workloads';
import {
  describeWithFixtures,
  FIXTURES_DIR,
} from '../../__testUtils__/fixtures';
import { sockShopCluster } from '../../__testUtils__/kubeApi/meshFixtures';
import { recordingLogger } from '../../__testUtils__/recordingLogger';
import { SnapshotInventorySource } from './SnapshotInventorySource';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-test-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const snapshot = (
  name: string,
  p: string,
  defaultNamespace = 'default',
): SnapshotClusterConfig => ({
  source: 'snapshot',
  name,
  path: p,
  defaultNamespace,
  istioRootNamespace: 'istio-system',
  istioClusterId: 'Kubernetes',
});

describeWithFixtures('SnapshotInventorySource', () => {
  it('reads a List dump with pods, mesh config and a typed PodList, as one read-only cluster', async () => {
    const objects = sockShopCluster();
    const pods = objects.filter(o => o.kind === 'Pod');
    fs.writeFileSync(
      path.join(dir, 'dump.yaml'),
      stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: objects.filter(o => o.kind !== 'Pod'),
      }),
    );
    // `kubectl get pods -o json` via the raw API: a typed list whose items carry no apiVersion/kind.
    fs.writeFileSync(
      path.join(dir, 'pods.json'),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'PodList',
        items: pods.map(({ apiVersion, kind, ...p }) => p),
      }),
    );
    fs.writeFileSync(
      path.join(dir, 'istio.yaml'),
      stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'istio', namespace: 'istio-system' },
        data: { mesh: 'enableAutoMtls: false\ntrustDomain: east.example\n' },
      }),
    );
    const source = new SnapshotInventorySource(
      [snapshot('dump', dir)],
      recordingLogger(),
    );
    expect(source.listClusters()).toEqual([
      { name: 'dump', istioClusterId: 'Kubernetes', kind: 'snapshot' },
    ]);
    const { value, errors } = await source.getClusterObjects('dump');
    expect(errors).toEqual([]);
    expect(value.meshConfig).toEqual({
      rootNamespace: 'istio-system',
      enableAutoMtls: false,
      trustDomain: 'east.example',
    });
    const workloads = deriveWorkloads('dump', value);
    expect(workloads).toHaveLength(14);
    expect(
      workloads.every(
        w => w.pods.length === 1 && w.pods[0].dataplane === 'ambient',
      ),
    ).toBe(true);
  });

  it('reads a directory of plain manifests, placing objects without a namespace in the configured one', async () => {
    const source = new SnapshotInventorySource(
      [
        snapshot(
          'bookinfo',
          path.join(FIXTURES_DIR, 'istio/bookinfo'),
          'bookinfo',
        ),
      ],
      recordingLogger(),
    );
    const { value, errors } = await source.getClusterObjects('bookinfo');
    expect(errors).toEqual([]);
    expect(value.deployments.map(d => d.metadata.name)).toContain('reviews-v3');
    expect(new Set(value.deployments.map(o => o.metadata.namespace))).toEqual(
      new Set(['bookinfo']),
    );
    // An explicit namespace wins (certmanager-gateway.yaml is written for istio-system).
    expect(
      value.istio.find(o => o.metadata.name === 'cert-manager-gateway')
        ?.metadata.namespace,
    ).toBe('istio-system');
    expect(
      value.istio
        .filter(o => o.metadata.namespace !== 'bookinfo')
        .map(o => o.metadata.name),
    ).toEqual(['cert-manager-gateway', 'cert-manager']);
    expect(new Set(value.istio.map(o => o.apiVersion.split('/')[0]))).toEqual(
      new Set(['networking.istio.io', 'gateway.networking.k8s.io']),
    );
  });

  it('reports a missing dump and an unparsable file as typed errors of that cluster only', async () => {
    fs.writeFileSync(
      path.join(dir, 'good.yaml'),
      stringify({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'good' },
      }),
    );
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'kind: [unclosed\n');
    const source = new SnapshotInventorySource(
      [snapshot('partial', dir), snapshot('missing', path.join(dir, 'nope'))],
      recordingLogger(),
    );
    const partial = await source.getClusterObjects('partial');
    expect(partial.value.namespaces.map(n => n.metadata.name)).toEqual([
      'good',
    ]);
    expect(partial.errors).toEqual([
      expect.objectContaining({
        cluster: 'partial',
        errorType: 'BAD_RESPONSE',
        message: expect.stringMatching(
          /^Snapshot cluster 'partial': cannot parse broken.yaml: /,
        ),
      }),
    ]);
    expect((await source.getClusterObjects('missing')).errors).toEqual([
      expect.objectContaining({ cluster: 'missing', errorType: 'NOT_FOUND' }),
    ]);
    expect((await source.getClusterObjects('other')).errors[0]).toMatchObject({
      errorType: 'NOT_FOUND',
      cluster: 'other',
    });
  });
});
