/*
 * Golden files: the expected output is stored next to the test as JSON. Run the tests with
 * UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
 */
import fs from 'fs';
import path from 'path';

export function expectGolden(file: string, actual: unknown): void {
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return;
  }
  if (!fs.existsSync(file)) {
    throw new Error(
      `Golden file ${path.basename(
        file,
      )} is missing: run the test with UPDATE_GOLDEN=1 and review it`,
    );
  }
  expect(JSON.parse(text)).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')));
}
