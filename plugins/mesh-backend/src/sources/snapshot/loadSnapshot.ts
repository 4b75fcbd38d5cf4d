/*
 * Reads a cluster dump: one file or a directory tree of `.yaml`/`.yml`/`.json` files, each holding
 * one or many documents, where a document may be a single object or a list (`kind: List` from
 * `kubectl get … -o yaml`, or a typed `PodList` from the raw API). Objects are trimmed and sorted into
 * ClusterObjects exactly like the live watch cache does, so both feed the same code.
 */
import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { MESH_CONFIG_MAP_NAME, meshConfigOf } from '../../kube/meshConfig';
import {
  ClusterObjects,
  emptyClusterObjects,
  KubeObject,
} from '../../kube/types';
import { trimObject } from '../kubernetes/trimObject';
import {
  ObjectBucket,
  WATCHED_RESOURCES,
} from '../kubernetes/watchedResources';

export interface SnapshotOptions {
  path: string;
  /** Namespace of namespaced objects that carry none, as `kubectl apply -n` would set it. */
  defaultNamespace: string;
  istioRootNamespace: string;
}

export interface LoadedSnapshot {
  objects: ClusterObjects;
  files: number;
  /** Files that could not be parsed (the rest of the dump is still used). */
  problems: string[];
}

const MANIFEST = /\.(ya?ml|json)$/i;
// Kinds without a namespace; everything else we read is namespaced.
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'CustomResourceDefinition',
  'GatewayClass',
  'ClusterRole',
  'ClusterRoleBinding',
]);
const BUCKETS = new Map(
  WATCHED_RESOURCES.map(r => [`${r.group}/${r.kind}`, r.bucket]),
);

export function loadSnapshot(options: SnapshotOptions): LoadedSnapshot {
  const files = manifestFiles(options.path);
  const objects = emptyClusterObjects();
  objects.meshConfig = { rootNamespace: options.istioRootNamespace };
  const problems: string[] = [];
  for (const file of files) {
    const relative = path.relative(options.path, file) || path.basename(file);
    try {
      for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
        if (doc.errors.length) throw new Error(doc.errors[0].message);
        for (const obj of flattenLists(doc.toJS())) add(objects, obj, options);
      }
    } catch (error) {
      problems.push(`${relative}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return { objects, files: files.length, problems };
}

function manifestFiles(root: string): string[] {
  const stat = fs.statSync(root); // throws ENOENT for a missing dump: the caller reports it
  if (stat.isFile()) return [root];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap(entry => {
      const full = path.join(root, entry.name);
      if (entry.isDirectory()) return manifestFiles(full);
      return MANIFEST.test(entry.name) ? [full] : [];
    });
}

function flattenLists(doc: any): any[] {
  if (!doc || typeof doc !== 'object') return [];
  if (
    Array.isArray(doc.items) &&
    (doc.kind === 'List' || String(doc.kind).endsWith('List'))
  ) {
    // Items of typed lists (PodList) may omit apiVersion/kind; derive them from the list.
    const kind =
      doc.kind === 'List'
        ? undefined
        : String(doc.kind).slice(0, -'List'.length);
    return doc.items.flatMap((item: any) =>
      flattenLists({
        apiVersion: doc.apiVersion,
        ...(kind ? { kind } : {}),
        ...item,
      }),
    );
  }
  return doc.apiVersion && doc.kind && doc.metadata?.name ? [doc] : [];
}

function add(
  objects: ClusterObjects,
  raw: any,
  options: SnapshotOptions,
): void {
  const group = String(raw.apiVersion).includes('/')
    ? String(raw.apiVersion).split('/')[0]
    : '';
  const isMeshConfigMap =
    raw.kind === 'ConfigMap' && raw.metadata.name === MESH_CONFIG_MAP_NAME;
  const bucket: ObjectBucket | undefined = isMeshConfigMap
    ? 'meshConfigMap'
    : BUCKETS.get(`${group}/${raw.kind}`);
  if (!bucket) return; // objects the mesh view does not read (Secrets, RBAC, …)
  const withNamespace =
    CLUSTER_SCOPED.has(raw.kind) || raw.metadata.namespace
      ? raw
      : {
          ...raw,
          metadata: { ...raw.metadata, namespace: options.defaultNamespace },
        };
  const obj = trimObject(withNamespace, bucket, raw.apiVersion, raw.kind);
  if (bucket === 'meshConfigMap') {
    if (obj.metadata.namespace === options.istioRootNamespace) {
      objects.meshConfig = {
        ...objects.meshConfig,
        ...meshConfigOf(obj as KubeObject & { data?: Record<string, string> }),
      };
    }
    return;
  }
  (objects[bucket] as KubeObject[]).push(obj);
}
