import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/**
 * The project root, found from this file's own location so it holds under tsx, the CLI on PATH
 * and (later) inside the app's asar. Everything that reads shipped data goes through here.
 */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Absolute path of a file under resources/ (demo tenant, AADSTS catalogue, icons). */
export function resourcePath(...segments: string[]): string {
  return join(projectRoot, 'resources', ...segments);
}
