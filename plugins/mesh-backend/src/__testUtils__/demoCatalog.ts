/* The demo catalog files the app loads (examples/mesh-demo), parsed, for tests that need real entities. */
import fs from 'fs';
import path from 'path';
import { Entity } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';

const DEMO_CATALOG_DIR = path.resolve(
  __dirname,
  '../../../../examples/mesh-demo',
);

export function demoCatalogEntities(): Entity[] {
  return fs
    .readdirSync(DEMO_CATALOG_DIR)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f =>
      parseAllDocuments(
        fs.readFileSync(path.join(DEMO_CATALOG_DIR, f), 'utf8'),
      ).map(d => d.toJS()),
    )
    .filter(Boolean)
    .map((e: Entity) => ({
      ...e,
      metadata: { namespace: 'default', ...e.metadata },
    }));
}
