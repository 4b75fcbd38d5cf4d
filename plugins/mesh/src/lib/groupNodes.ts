/*
 * Grouping of graph nodes into boxes by System or owner, for the catalog-wide and team graphs.
 * A box is a React Flow parent node; dagre's compound layout keeps its members together.
 */
import { parseEntityRef } from '@backstage/catalog-model';
import type { Node } from '@xyflow/react';
import { MeshFlowNode } from './toFlowElements';

export const GROUP_NODE_TYPE = 'meshGroup';

export type GraphGrouping = 'none' | 'system' | 'owner';
export const GRAPH_GROUPINGS: readonly GraphGrouping[] = [
  'none',
  'system',
  'owner',
];

export type MeshGroupNodeData = {
  /** Display name of the System or owner. */
  label: string;
  /** The System or Group the box stands for. */
  groupRef: string;
  grouping: Exclude<GraphGrouping, 'none'>;
  memberCount: number;
};

export type MeshGroupFlowNode = Node<MeshGroupNodeData, typeof GROUP_NODE_TYPE>;

/** `system:default/bookinfo` → `bookinfo`; namespaces other than `default` are kept. */
export function shortEntityName(ref: string): string {
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}

/**
 * Puts each node with a System (or owner) into a box for it; nodes without one stay outside.
 * Group nodes come first because React Flow needs parents before their children.
 */
export function groupFlowNodes(
  nodes: MeshFlowNode[],
  grouping: GraphGrouping,
): Array<MeshFlowNode | MeshGroupFlowNode> {
  if (grouping === 'none') return nodes;
  const keyOf = (node: MeshFlowNode) =>
    grouping === 'system' ? node.data.system : node.data.owner;
  const members = new Map<string, number>();
  for (const node of nodes) {
    const key = keyOf(node);
    if (key) members.set(key, (members.get(key) ?? 0) + 1);
  }
  const groups: MeshGroupFlowNode[] = [...members.keys()].sort().map(ref => ({
    id: `group:${ref}`,
    type: GROUP_NODE_TYPE,
    position: { x: 0, y: 0 },
    selectable: false,
    data: {
      label: shortEntityName(ref),
      groupRef: ref,
      grouping,
      memberCount: members.get(ref)!,
    },
  }));
  const children = nodes.map(node => {
    const key = keyOf(node);
    return key
      ? { ...node, parentId: `group:${key}`, extent: 'parent' as const }
      : node;
  });
  return [...groups, ...children];
}
