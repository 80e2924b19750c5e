// Prints, as JSON, which of the named packages a Node process has loaded after importing the given modules (through
// the tsx loader, as `gongkai serve` does): ESM imports are seen by a resolve hook, CommonJS ones in require.cache.
//   node tests/builders/loaded-libraries.mjs <module path>... -- <package>...
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

const args = process.argv.slice(2);
const cut = args.indexOf('--');
const modules = args.slice(0, cut);
const packages = args.slice(cut + 1);
const { port1, port2 } = new MessageChannel();
const resolved = new Set();
port1.on('message', (url) => resolved.add(url));
port1.unref();
const hook = `let port; export function initialize(d) { port = d.port; }
export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes('/node_modules/')) port.postMessage(r.url); return r; }`;
register(`data:text/javascript,${encodeURIComponent(hook)}`, { data: { port: port2 }, transferList: [port2] });
const { register: tsx } = await import('tsx/esm/api');
tsx();
for (const m of modules) await import(pathToFileURL(m).href);
await new Promise((r) => setTimeout(r, 100));
const seen = [...resolved, ...Object.keys(createRequire(import.meta.url).cache)];
console.log(JSON.stringify(Object.fromEntries(packages.map((p) => [p, seen.some((u) => u.includes(`/node_modules/${p}/`))]))));
process.exit(0);
