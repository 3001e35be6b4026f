// Node module hooks that give `import text from './file.wgsl?raw'` the meaning Vite gives it (the file's text), so
// that scripts run under plain Node + tsx can load the GPU engine's shaders.
import { readFile } from 'node:fs/promises';

export async function resolve(specifier, context, nextResolve) {
  if (!specifier.endsWith('?raw')) return nextResolve(specifier, context);
  const resolved = await nextResolve(specifier.slice(0, -4), context);
  return { url: `${resolved.url}?raw`, shortCircuit: true };
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith('?raw')) return nextLoad(url, context);
  const text = await readFile(new URL(url.slice(0, -4)), 'utf8');
  return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
}
