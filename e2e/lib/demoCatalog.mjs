// @ts-check
/*
 * The demo catalog as the checks expect to see it, read from examples/mesh-demo rather than
 * written into the checks, so that a catalog change cannot make them pass or fail silently.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { guestToken, ROOT } from './demoApp.mjs';

/**
 * @typedef {{ name: string, owner: string, system?: string, mapped: boolean }} DemoComponent
 */

/** @returns {DemoComponent[]} */
export function demoComponents() {
  const dir = join(ROOT, 'examples/mesh-demo');
  return readdirSync(dir)
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file =>
      parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map(doc =>
        doc.toJS(),
      ),
    )
    .filter(entity => entity?.kind === 'Component')
    .map(entity => {
      const annotations = entity.metadata.annotations ?? {};
      return {
        name: entity.metadata.name,
        owner: String(entity.spec.owner).replace(/^group:default\//, ''),
        system: entity.spec.system,
        mapped: Boolean(
          annotations['backstage.io/kubernetes-id'] ||
            annotations['backstage.io/kubernetes-label-selector'],
        ),
      };
    });
}

/**
 * Resources without Kubernetes annotations: the backend maps them by name to the Istio canonical
 * service (`mesh.nameMapping`, on by default for Components and Resources).
 * @returns {string[]}
 */
export function demoNameMappedResources() {
  const dir = join(ROOT, 'examples/mesh-demo');
  return readdirSync(dir)
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file =>
      parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map(doc =>
        doc.toJS(),
      ),
    )
    .filter(
      entity =>
        entity?.kind === 'Resource' &&
        !entity.metadata.annotations?.['backstage.io/kubernetes-id'] &&
        !entity.metadata.annotations?.[
          'backstage.io/kubernetes-label-selector'
        ],
    )
    .map(entity => entity.metadata.name);
}

/** The Components (of `names`) whose mesh data the guest may read (catalog and mesh permission). */
export async function readableByGuest(
  /** @type {string} */ baseUrl,
  /** @type {string[]} */ names,
) {
  const token = await guestToken(baseUrl);
  const readable = await Promise.all(
    names.map(async name => {
      const response = await fetch(
        `${baseUrl}/api/catalog/entities/by-name/component/default/${encodeURIComponent(
          name,
        )}`,
        {
          headers: { Authorization: `Bearer ${token}` },
        },
      );
      if (!response.ok) return undefined;
      // Readable in the catalog is not enough: the mesh permission may withhold its data (issue 13).
      const mesh = await fetch(
        `${baseUrl}/api/mesh/entities/by-name/component/default/${encodeURIComponent(
          name,
        )}/workloads`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      return mesh.status === 403 ? undefined : name;
    }),
  );
  return readable.filter(
    /** @returns {name is string} */ name => name !== undefined,
  );
}
