/*
 * State of the Kubernetes API test double (see KubeApiTestServer): objects per resource, one
 * cluster-wide resourceVersion counter as etcd has, and a bounded event log so watches can resume
 * from a resourceVersion or get 410 Gone when it was compacted away, like the real API server.
 */

export interface ResourceDef {
  group: string;
  /** Served versions, preferred first. */
  versions: string[];
  kind: string;
  plural: string;
  namespaced: boolean;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resourceVersion: number;
  resource: string;
  object: any;
}

export const resourceKey = (def: Pick<ResourceDef, 'group' | 'plural'>) =>
  `${def.group}/${def.plural}`;

export class ResourceStore {
  private readonly objects = new Map<string, Map<string, any>>();
  private readonly log: WatchEvent[] = [];
  private readonly listeners = new Set<(event: WatchEvent) => void>();
  private revision = 1;

  constructor(
    readonly defs: ResourceDef[],
    private readonly logSize = 10_000,
  ) {}

  get resourceVersion(): number {
    return this.revision;
  }

  /** The oldest resourceVersion a watch can resume from. */
  get oldestResumable(): number {
    return this.log.length === this.logSize
      ? this.log[0].resourceVersion - 1
      : 0;
  }

  defFor(apiVersion: string, kind: string): ResourceDef {
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    const def = this.defs.find(d => d.group === group && d.kind === kind);
    if (!def)
      throw new Error(
        `The test API server does not serve ${apiVersion} ${kind}`,
      );
    return def;
  }

  /**
   * Creates or replaces an object (kubectl apply), emitting ADDED or MODIFIED — or, with
   * `{ event: false }`, no event: a change a watch missed, which only a list sees.
   */
  apply(obj: any, options: { event?: boolean } = {}): any {
    const def = this.defFor(obj.apiVersion, obj.kind);
    const namespace = def.namespaced
      ? obj.metadata.namespace ?? 'default'
      : undefined;
    const bucket = this.bucket(def);
    const key = `${namespace ?? ''}/${obj.metadata.name}`;
    const existing = bucket.get(key);
    const stored = {
      ...obj,
      metadata: {
        ...obj.metadata,
        ...(namespace ? { namespace } : {}),
        uid:
          existing?.metadata.uid ??
          obj.metadata.uid ??
          `uid-${this.revision}-${obj.metadata.name}`,
        creationTimestamp:
          existing?.metadata.creationTimestamp ??
          obj.metadata.creationTimestamp ??
          new Date().toISOString(),
        resourceVersion: String(++this.revision),
      },
    };
    bucket.set(key, stored);
    if (options.event === false) return stored;
    this.emit({
      type: existing ? 'MODIFIED' : 'ADDED',
      resourceVersion: this.revision,
      resource: resourceKey(def),
      object: stored,
    });
    return stored;
  }

  remove(obj: {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string };
  }): boolean {
    const def = this.defFor(obj.apiVersion, obj.kind);
    const key = `${def.namespaced ? obj.metadata.namespace ?? 'default' : ''}/${
      obj.metadata.name
    }`;
    const existing = this.bucket(def).get(key);
    if (!existing) return false;
    this.bucket(def).delete(key);
    const deleted = {
      ...existing,
      metadata: {
        ...existing.metadata,
        resourceVersion: String(++this.revision),
      },
    };
    this.emit({
      type: 'DELETED',
      resourceVersion: this.revision,
      resource: resourceKey(def),
      object: deleted,
    });
    return true;
  }

  list(def: ResourceDef): any[] {
    return [...this.bucket(def).values()];
  }

  /** Events of a resource after `resourceVersion`, or undefined when that version was compacted. */
  eventsSince(
    def: ResourceDef,
    resourceVersion: number,
  ): WatchEvent[] | undefined {
    if (resourceVersion < this.oldestResumable) return undefined;
    const key = resourceKey(def);
    return this.log.filter(
      e => e.resource === key && e.resourceVersion > resourceVersion,
    );
  }

  subscribe(listener: (event: WatchEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private bucket(def: ResourceDef): Map<string, any> {
    const key = resourceKey(def);
    let bucket = this.objects.get(key);
    if (!bucket) {
      bucket = new Map();
      this.objects.set(key, bucket);
    }
    return bucket;
  }

  private emit(event: WatchEvent): void {
    this.log.push(event);
    if (this.log.length > this.logSize) this.log.shift();
    for (const listener of this.listeners) listener(event);
  }
}
