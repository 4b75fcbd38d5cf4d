/*
 * Real-world inputs live in ../shared/fixtures beside the repository (CI has it). Tests that need
 * them skip with a message when the folder is missing outside CI and fail in CI.
 */
import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';

export const FIXTURES_DIR = path.resolve(
  __dirname,
  '../../../../../shared/fixtures',
);

export function fixturesAvailable(): boolean {
  if (fs.existsSync(FIXTURES_DIR)) return true;
  if (process.env.CI === 'true') {
    throw new Error(
      `Test fixtures are required in CI but ${FIXTURES_DIR} does not exist`,
    );
  }
  // eslint-disable-next-line no-console
  console.warn(
    `Skipping fixture tests: ${FIXTURES_DIR} not found (clone the shared folder beside the repo)`,
  );
  return false;
}

/** `describe` that runs only when the shared fixtures are present (and fails in CI when they are not). */
export const describeWithFixtures: jest.Describe = ((
  name: string,
  fn: () => void,
) =>
  (fixturesAvailable() ? describe : describe.skip)(name, fn)) as jest.Describe;

/** All documents of a multi-document YAML fixture (relative to the fixtures folder). */
export function readYamlFixture(relative: string): any[] {
  const text = fs.readFileSync(path.join(FIXTURES_DIR, relative), 'utf8');
  return parseAllDocuments(text)
    .map(d => d.toJS())
    .filter(d => d && typeof d === 'object');
}
