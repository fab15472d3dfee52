import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where uploaded bytes live. On disk under DATA_DIR/uploads by default; several instances must share
 * that folder (or a later object-store implementation of this interface).
 */
export interface FileStore {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
}

export function createDiskFileStore(root: string): FileStore {
  const resolve = (key: string) => {
    const full = path.resolve(root, key);
    if (!full.startsWith(path.resolve(root) + path.sep)) throw new Error(`storage key escapes the store: ${key}`);
    return full;
  };
  return {
    async put(key, data) {
      const file = resolve(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Write then rename, so a reader never sees half a file.
      await fs.writeFile(`${file}.part`, data);
      await fs.rename(`${file}.part`, file);
    },
    get: (key) => fs.readFile(resolve(key)),
  };
}
