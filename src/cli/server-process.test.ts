import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS, serverProcessLaunch } from './server-process.ts';

describe('serverProcessLaunch', () => {
  it.each([
    // [parent execArgv, parent env, worker execArgv, env added]
    [[], {}, ['--max-semi-space-size=4'], { MALLOC_ARENA_MAX: '2' }],
    [['--enable-source-maps'], { MALLOC_ARENA_MAX: '' }, ['--enable-source-maps', '--max-semi-space-size=4'], { MALLOC_ARENA_MAX: '2' }],
    [['--max-semi-space-size=8'], { MALLOC_ARENA_MAX: '4' }, ['--max-semi-space-size=8'], {}],
    [['--max_semi_space_size=1'], {}, ['--max_semi_space_size=1'], { MALLOC_ARENA_MAX: '2' }],
    [[], { NODE_OPTIONS: '--max-old-space-size=512 --max-semi-space-size=2' }, [], { MALLOC_ARENA_MAX: '2' }],
  ] as const)('from %j with %j → %j, env %j', (execArgv, env, workerArgv, added) => {
    const r = serverProcessLaunch(execArgv, env);
    expect(r.execArgv).toEqual(workerArgv);
    expect(r.env).toEqual(added);
  });

  it('npm start passes the same settings as the cluster workers get', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(`MALLOC_ARENA_MAX=\${MALLOC_ARENA_MAX:-2} node ${SERVER_NODE_FLAGS.join(' ')} bin/gongkai.mjs serve`);
  });
});
