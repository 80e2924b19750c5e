// Local ESLint plugin enforcing the dependency rule of docs/ARCHITECTURE.md:
//   core ← features ← (http | cli);  ui beside core (imports neither features nor db);
//   db only from repositories, main.ts, cli and tests;  nothing imports http or cli (except main/cli wiring);
//   core is pure: no imports outside src/core, no node: modules, no process.env, no clock.
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

function layerOf(file) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  const m = /^src\/([^/]+)/.exec(rel);
  if (!m) return { layer: rel.startsWith('tests/') || rel.startsWith('bench/') ? 'tests' : 'other', rel };
  const top = m[1];
  if (top === 'main.ts') return { layer: 'main', rel };
  if (top === 'config.ts') return { layer: 'config', rel };
  return { layer: top, rel };
}

/** For an importing layer: layers it must not import, and why. */
const forbidden = {
  core: ['features', 'db', 'http', 'cli', 'ui', 'locales', 'config', 'main'],
  ui: ['features', 'db', 'http', 'cli', 'main'],
  features: ['http', 'cli', 'main'],
  db: ['features', 'http', 'cli', 'ui', 'main'],
  http: ['cli', 'main', 'db'],
  locales: ['features', 'db', 'http', 'cli', 'ui', 'core', 'main'],
};

const pureBanned = new Set(['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'process', 'worker_threads']);

export default {
  rules: {
    'dependency-rule': {
      meta: { type: 'problem', schema: [], messages: { bad: '{{msg}}' } },
      create(context) {
        const file = context.filename;
        const from = layerOf(file);
        function check(node, spec) {
          if (typeof spec !== 'string') return;
          if (spec.startsWith('.')) {
            const target = layerOf(path.resolve(path.dirname(file), spec));
            const bad = forbidden[from.layer];
            if (bad && bad.includes(target.layer)) {
              context.report({ node, messageId: 'bad', data: { msg: `${from.layer} must not import ${target.layer} (${spec}); see docs/ARCHITECTURE.md` } });
            }
            if (from.layer === 'features' && target.layer === 'db' && !/\.repository\.tsx?$|\/db\/types\.ts$/.test(from.rel) && !/src\/db\/(types|dialect)\.ts$/.test(target.rel)) {
              context.report({ node, messageId: 'bad', data: { msg: `only *.repository.ts files may use the database layer (${spec})` } });
            }
            return;
          }
          if (from.layer === 'core') {
            const bare = spec.replace(/^node:/, '').split('/')[0];
            if (spec.startsWith('node:') || pureBanned.has(bare)) {
              context.report({ node, messageId: 'bad', data: { msg: `core is pure: no I/O module (${spec})` } });
            } else {
              context.report({ node, messageId: 'bad', data: { msg: `core imports nothing outside src/core (${spec})` } });
            }
          }
        }
        return {
          ImportDeclaration(node) { check(node, node.source.value); },
          ExportNamedDeclaration(node) { if (node.source) check(node, node.source.value); },
          ExportAllDeclaration(node) { if (node.source) check(node, node.source.value); },
          ImportExpression(node) { if (node.source.type === 'Literal') check(node, node.source.value); },
          MemberExpression(node) {
            if (from.layer !== 'core') return;
            if (node.object.type === 'Identifier' && node.object.name === 'process') {
              context.report({ node, messageId: 'bad', data: { msg: 'core is pure: no process.* (pass configuration in)' } });
            }
            if (node.object.type === 'Identifier' && node.object.name === 'Date' && node.property.type === 'Identifier' && node.property.name === 'now') {
              context.report({ node, messageId: 'bad', data: { msg: 'core is pure: no Date.now() (pass the clock in)' } });
            }
          },
          NewExpression(node) {
            if (from.layer === 'core' && node.callee.type === 'Identifier' && node.callee.name === 'Date' && node.arguments.length === 0) {
              context.report({ node, messageId: 'bad', data: { msg: 'core is pure: no new Date() without arguments (pass the clock in)' } });
            }
          },
        };
      },
    },
  },
};
