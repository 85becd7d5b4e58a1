/** Normalises the BASE_PATH environment variable into Vite's `base`: always starts and ends with '/'. */
export function basePath(raw: string | undefined): string {
  const v = (raw ?? '/').trim();
  if (!v || v === '/') return '/';
  if (!/^[\w\-./~]+$/.test(v)) throw new Error(`BASE_PATH "${raw}" may only contain letters, digits and - . / ~ _`);
  return '/' + v.replace(/^\/+|\/+$/g, '') + '/';
}
