/*
 * The overview computes each entity's figures over the entity's own part of the mesh graph
 * (entityParts), not over the whole graph: the answers must be the same. The graph is the demo
 * mesh's mesh-wide workload graph as the API answers it (the golden file of buildGraph.test).
 */
import { MeshGraph } from '@mesh-portal/plugin-mesh-common';
import fs from 'fs';
import path from 'path';
import { entityParts, entityTrafficFigures } from './entityTraffic';

const graph: MeshGraph = JSON.parse(
  fs.readFileSync(
    path.join(__dirname, '../__golden__/mesh-workload.json'),
    'utf8',
  ),
);

it('gives every entity the same figures over its part as over the whole graph', () => {
  const refs = [
    ...new Set(graph.nodes.flatMap(n => (n.entityRef ? [n.entityRef] : []))),
  ];
  // Entities with several nodes and traffic between entities are both in the demo mesh.
  expect(refs.length).toBeGreaterThan(20);
  expect(refs.length).toBeLessThan(graph.nodes.filter(n => n.entityRef).length);
  const partOf = entityParts(graph);
  for (const ref of [...refs, 'component:default/not-in-the-mesh'])
    expect([ref, entityTrafficFigures(ref, partOf(ref))]).toEqual([
      ref,
      entityTrafficFigures(ref, graph),
    ]);
  const withTraffic = refs.filter(
    ref => entityTrafficFigures(ref, partOf(ref)).rpsIn > 0,
  );
  expect(withTraffic.length).toBeGreaterThan(10);
});
