/** The package's version, for `nnjson --version`. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'nn-builder';

/**
 * Read from the package's own package.json, found by walking up from this file: the bundle lives in dist/, the
 * compiled tests in out/src/cli/, so the distance differs.
 */
export function packageVersion(startDir: string = __dirname): string {
  for (let dir = startDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const manifest: unknown = JSON.parse(readFileSync(candidate, 'utf8'));
      if (typeof manifest === 'object' && manifest !== null && 'name' in manifest && manifest.name === PACKAGE_NAME
        && 'version' in manifest && typeof manifest.version === 'string') {
        return manifest.version;
      }
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package.json above ${startDir}`);
  }
}
