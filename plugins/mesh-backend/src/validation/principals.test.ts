/*
 * KIA0107 in a two-cluster mesh, in the scenarios of Kiali's PrincipalsChecker tests
 * (TestRemoteClusterServiceAccount and the mixed-domain case of business/checkers/authorization/
 * principals_checker_test.go): the demo cluster is "east"; "west" runs bookinfo's reviews under its
 * own account in its own trust domain.
 */
import { ClusterObjects, IstioObject } from '../kube/types';
import { demoFindings } from './checkers/demoFindings';
import { ValidationContext } from './context';
import { demoClusterObjects } from '../sources/demo/builders';
import { demoMeshModel } from '../sources/demo/topologies';

const policy = (principals: string[]): IstioObject => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name: 'from-principals', namespace: 'bookinfo' },
  spec: { rules: [{ from: [{ source: { principals } }] }] },
});

function westObjects(): ClusterObjects {
  const west: ClusterObjects = JSON.parse(
    JSON.stringify(demoClusterObjects(demoMeshModel)),
  );
  west.meshConfig = { ...west.meshConfig, trustDomain: 'west.example.com' };
  west.serviceAccounts.push({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'bookinfo-reviews-west', namespace: 'bookinfo' },
  });
  return west;
}

describe('principals of the other clusters (KIA0107)', () => {
  const peers = [{ name: 'west', objects: westObjects() }];

  it("are the peers' principals, never the cluster's own", () => {
    const east = new ValidationContext(
      'east',
      demoClusterObjects(demoMeshModel),
      { peers },
    );
    expect(east.remotePrincipals).toContain(
      'west.example.com/ns/bookinfo/sa/bookinfo-reviews-west',
    );
    expect(
      east.remotePrincipals.some(p => p.startsWith('cluster.local/')),
    ).toBe(false);
  });

  it("reads another cluster's account as remote, a known domain's missing account as not found", () => {
    const findings = demoFindings(
      o =>
        o.istio.push(
          policy([
            'cluster.local/ns/bookinfo/sa/bookinfo-productpage', // local
            'west.example.com/ns/bookinfo/sa/bookinfo-reviews-west', // remote
            'west.example.com/ns/bookinfo/sa/bookinfo-wrong', // west's domain, no such account
            'wrong.example.com/ns/bookinfo/sa/bookinfo-reviews', // foreign domain
            'cluster.local/ns/bookinfo/sa/missing', // not found
          ]),
        ),
      { peers },
      true,
    );
    expect(findings).toEqual([
      'KIA0107 AuthorizationPolicy/bookinfo/from-principals spec/rules[0]/from[0]/source/principals[1] info',
      'KIA0106 AuthorizationPolicy/bookinfo/from-principals spec/rules[0]/from[0]/source/principals[2] error',
      'KIA0108 AuthorizationPolicy/bookinfo/from-principals spec/rules[0]/from[0]/source/principals[3] warning',
      'KIA0106 AuthorizationPolicy/bookinfo/from-principals spec/rules[0]/from[0]/source/principals[4] error',
    ]);
  });

  it('without peers, the remote account is foreign as before', () => {
    expect(
      demoFindings(
        o =>
          o.istio.push(
            policy(['west.example.com/ns/bookinfo/sa/bookinfo-reviews-west']),
          ),
        {},
      ),
    ).toEqual(['KIA0108 AuthorizationPolicy/bookinfo/from-principals']);
  });
});
