/* Validates responses against the route's OpenAPI document, so the documented contract cannot drift. */
import fs from 'fs';
import path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const document = parse(
  fs.readFileSync(path.resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema(document, 'openapi');

export function openApiErrors(schemaName: string, value: unknown): string[] {
  const validate = ajv.getSchema(`openapi#/components/schemas/${schemaName}`);
  if (!validate) throw new Error(`No schema ${schemaName} in openapi.yaml`);
  return validate(value)
    ? []
    : (validate.errors ?? []).map(e => `${e.instancePath} ${e.message}`);
}
