const loading = new Map<string, Promise<unknown>>();

/** The module `file` of `server`, imported once per page however many threads ask. */
export function importOnce<T>(server: string, file: string): Promise<T> {
  const url = `${server}/${file}`;
  let module = loading.get(url) as Promise<T> | undefined;
  if (!module) {
    module = import(url) as Promise<T>;
    loading.set(url, module);
    // A failed import may be tried again, by the next reader's act that needs it.
    module.catch(() => loading.delete(url));
  }
  return module;
}
