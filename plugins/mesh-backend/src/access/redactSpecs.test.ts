/*
 * Istio object specs shown by /workloads and /config do not name what the caller may not see
 * (issue 13, finding 4), over the demo cluster's real objects: with productpage's workload hidden,
 * the ingress VirtualService that routes to it and a policy naming its service account are shown
 * with those names withheld, while the names of visible services stay.
 */
import { workloadKey } from '../mapping/mapEntity';
import { claimedWorkloads } from '../scope/ownedWorkloads';
import { DemoMesh } from '../sources/demo/DemoMesh';
import {
  appliedIstioConfig,
  servicesOf,
} from '../validation/appliedIstioConfig';
import { specRedactor, workloadsNamedIn } from './redactSpecs';

const mesh = new DemoMesh();
const productpage = mesh.workloads.find(w => w.name === 'productpage-v1')!;
const services = mesh.objects.services.map(s => ({ ...s, cluster: 'demo' }));
const redact = specRedactor(
  claimedWorkloads(
    new Map([[workloadKey(productpage), 'component:default/productpage']]),
  ),
  mesh.workloads,
  services,
);
const istio = (kind: string, name: string) =>
  mesh.objects.istio.find(o => o.kind === kind && o.metadata.name === name)!;

it('withholds a hidden Service as a route destination, short or fully qualified', () => {
  const vs = istio('VirtualService', 'bookinfo');
  expect(JSON.stringify(vs.spec)).toMatch(/"host":"productpage"/);
  const shown = JSON.stringify(redact(vs.spec, 'bookinfo'));
  expect(shown).toMatch(/"route":\[\{"destination":\{"host":"restricted"/);
  // A URL path is not a reference to the Service: it stays.
  expect(shown).not.toMatch(/"host":"productpage/);
  expect(shown).toMatch(/"exact":"\/productpage"/);
  expect(
    redact(
      { hosts: ['productpage.bookinfo.svc.cluster.local', 'reviews'] },
      'bookinfo',
    ),
  ).toEqual({ hosts: ['restricted.svc.cluster.local', 'reviews'] });
});

it("withholds a hidden workload's service account in policy principals", () => {
  const account = productpage.serviceAccount;
  expect(account).toBeTruthy();
  const policy = {
    rules: [
      {
        from: [
          {
            source: {
              principals: [
                `cluster.local/ns/bookinfo/sa/${account}`,
                'cluster.local/ns/bookinfo/sa/bookinfo-reviews',
              ],
            },
          },
        ],
      },
    ],
  };
  const shown = JSON.stringify(redact(policy, 'bookinfo'));
  expect(shown).not.toContain(account);
  expect(shown).toContain('cluster.local/restricted');
  expect(shown).toContain('bookinfo-reviews');
});

it('leaves the same short name alone in another namespace', () => {
  expect(redact({ host: 'productpage' }, 'sock-shop')).toEqual({
    host: 'productpage',
  });
});

it('asks only about the workloads the specs name: the redaction is the same as over the whole mesh', () => {
  let differing = 0;
  for (const w of mesh.workloads) {
    const specs = appliedIstioConfig(
      w,
      servicesOf(w, mesh.objects.services),
      mesh.objects.istio,
      'istio-system',
    ).map(a => ({
      spec: a.object.spec ?? {},
      ns: a.object.metadata.namespace!,
    }));
    const named = new Set(
      workloadsNamedIn(
        specs.map(s => s.spec),
        mesh.workloads,
        services,
      ),
    );
    for (const hidden of mesh.workloads) {
      const key = workloadKey(hidden);
      const whole = specRedactor(
        claimedWorkloads(new Map([[key, 'component:default/x']])),
        mesh.workloads,
        services,
      );
      // What a view asks about: its own workload and the named ones.
      const asked = key === workloadKey(w) || named.has(key);
      const answered = specRedactor(
        claimedWorkloads(new Map(asked ? [[key, 'component:default/x']] : [])),
        mesh.workloads,
        services,
      );
      for (const { spec, ns } of specs) {
        expect(answered(spec, ns)).toEqual(whole(spec, ns));
        if (JSON.stringify(whole(spec, ns)) !== JSON.stringify(spec))
          differing++;
      }
    }
  }
  // The demo's specs do name hidden workloads (the property is not vacuous).
  expect(differing).toBeGreaterThan(0);
});
