/*
 * The claims index answers what ../mapping/ownerIndex answers for the entities a caller may see:
 * the owner a node links to, and which workloads entities hidden from the caller claim (any of
 * them hides a workload) — over the demo catalog and mesh, with name mapping on and off, for
 * several subsets of visible entities.
 */
import { stringifyEntityRef } from '@backstage/catalog-model';
import { DemoMesh } from '../sources/demo/DemoMesh';
import { demoCatalogEntities } from '../__testUtils__/demoCatalog';
import { workloadKey } from '../mapping/mapEntity';
import { DEFAULT_NAME_MAPPING } from '../mapping/nameMapping';
import { buildOwnerIndex } from '../mapping/ownerIndex';
import { WorkloadClaims } from './workloadClaims';

const mesh = new DemoMesh();
const entities = demoCatalogEntities().filter(e =>
  ['Component', 'Resource'].includes(e.kind),
);

describe.each([
  ['name mapping off', { ...DEFAULT_NAME_MAPPING, enabled: false }],
  ['name mapping on', { ...DEFAULT_NAME_MAPPING, enabled: true }],
])('WorkloadClaims, %s', (_, nameMapping) => {
  const claims = new WorkloadClaims(entities, [mesh.workloads], nameMapping);
  // Every third, every other, all but one, none: visible subsets of the catalog.
  const subsets = [
    entities.filter((_e, i) => i % 3 !== 0),
    entities.filter((_e, i) => i % 2 === 0),
    entities.slice(1),
    [],
  ];

  it.each(subsets.map((s, i) => [i, s]))(
    'subset %i: owners and hidden workloads as the owner index decides them',
    (_i, visible) => {
      const refs = new Set(visible.map(e => stringifyEntityRef(e)));
      const hidden = entities.filter(e => !refs.has(stringifyEntityRef(e)));
      const owners = buildOwnerIndex(visible, mesh.workloads, nameMapping);
      const hiddenOwners = buildOwnerIndex(hidden, mesh.workloads, nameMapping);
      let claimed = 0;
      for (const w of mesh.workloads) {
        const key = workloadKey(w);
        expect([key, claims.owner(key, r => refs.has(r))]).toEqual([
          key,
          owners.get(key),
        ]);
        const isHidden = claims.claimants(key).some(r => !refs.has(r));
        expect([key, isHidden]).toEqual([key, hiddenOwners.has(key)]);
        if (claims.claimants(key).length > 0) claimed++;
      }
      expect(claimed).toBeGreaterThan(mesh.workloads.length / 2);
    },
  );
});
