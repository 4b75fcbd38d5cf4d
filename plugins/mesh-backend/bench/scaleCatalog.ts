/*
 * bench:scale's catalog (./scaleBench): one Component per workload of the synthetic mesh, mapped
 * with the Kubernetes plugin's annotations (label selector + namespace: every namespace has the
 * same app names, so name mapping would be ambiguous), owned by its namespace's team, written as
 * a catalog file in a temp dir. In the demo permission policy's style (packages/backend's
 * meshDemoPolicy, by label) one Component in 25 can be read only by its owners, and another one
 * in 25 shows its mesh data only to its owners; the signed-in guest owns none of them.
 * Each team's Components are in a file of their own, listed by one Location, as a repository per
 * team (or the GitHub discovery provider) gives them: Backstage parses each location's YAML in
 * one synchronous piece, and a single file of 5,000 documents held the backend's event loop for
 * 1.2–4 s at each processing of it (profiles of bench:scale, 2026-12-04), a shape no catalog of
 * that size has.
 */
import fs from 'fs';
import path from 'path';
import { Workload } from '../src/kube/workloads';

// The labels packages/backend/src/meshDemoPolicy.ts reads (OWNERS_ONLY_LABEL, …_MESH_DATA_LABEL).
const OWNERS_ONLY = 'mesh-demo.example.com/owners-only';
const MESH_DATA_OWNERS_ONLY = 'mesh-demo.example.com/mesh-data-owners-only';

export interface ScaleCatalog {
  file: string;
  components: number;
  /** How many of them the guest may read in the catalog. */
  readableByGuest: number;
  /** Components the guest may read, mesh data included. */
  open: Array<{ namespace: string; name: string }>;
  /** One Component the guest may not read at all (404), and one whose mesh data it may not (403). */
  ownersOnly: { namespace: string; name: string };
  meshDataOwnersOnly: { namespace: string; name: string };
}

export function writeScaleCatalog(
  dir: string,
  workloads: Workload[],
): ScaleCatalog {
  const open: ScaleCatalog['open'] = [];
  const ownersOnly: ScaleCatalog['open'] = [];
  const meshDataOwnersOnly: ScaleCatalog['open'] = [];
  const byTeam = new Map<string, string[]>();
  workloads.forEach((w, i) => {
    const app = w.labels.app;
    const ref = { namespace: 'default', name: `${w.namespace}-${app}` };
    const labels: Record<string, string> = {};
    if (i % 25 === 3) {
      labels[OWNERS_ONLY] = 'true';
      ownersOnly.push(ref);
    } else if (i % 25 === 16) {
      labels[MESH_DATA_OWNERS_ONLY] = 'true';
      meshDataOwnersOnly.push(ref);
    } else open.push(ref);
    const team = byTeam.get(w.namespace) ?? [];
    byTeam.set(w.namespace, team);
    team.push(
      JSON.stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: ref.name,
          labels,
          annotations: {
            'backstage.io/kubernetes-label-selector': `app=${app}`,
            'backstage.io/kubernetes-namespace': w.namespace,
          },
        },
        spec: { type: 'service', lifecycle: 'production', owner: w.namespace },
      }),
    );
  });
  fs.mkdirSync(path.join(dir, 'teams'), { recursive: true });
  const targets = [...byTeam].map(([team, documents]) => {
    const target = `./teams/${team}.yaml`;
    // JSON documents are YAML documents.
    fs.writeFileSync(path.join(dir, target), documents.join('\n---\n'));
    return target;
  });
  const file = path.join(dir, 'catalog-scale.yaml');
  fs.writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Location',
      metadata: { name: 'scale-teams' },
      spec: { targets },
    }),
  );
  return {
    file,
    components: workloads.length,
    readableByGuest: open.length + meshDataOwnersOnly.length,
    open,
    ownersOnly: ownersOnly[0],
    meshDataOwnersOnly: meshDataOwnersOnly[0],
  };
}
