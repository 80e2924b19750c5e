// How a server process is started so that it holds less memory (decision 195), for the workers that
// `gongkai serve --workers N` forks; `npm start` passes the same on its command line (package.json):
//   - MALLOC_ARENA_MAX=2: glibc keeps at most two malloc arenas instead of up to 8 per core; each thread that
//     allocated (the libuv pool hashing passwords with scrypt, 16 MB each, SQLite, zlib) otherwise keeps its own arena
//     and whatever it last held (decision 117: −40 to −60 MB after the demo seed). It is read when the process starts,
//     so it can only be set for a process about to be started.
//   - --max-semi-space-size: V8's new space (two semi-spaces, 16 MB each by default on 64-bit) is resident memory
//     under load whatever the live data; 4 MB each measured −23 to −28 MB at the load bench's peak. Also read only
//     at start (v8.setFlagsFromString afterwards leaves the heap as configured).
// A value the operator set (in the environment or on node's command line) is kept.
export const SERVER_ENV = { MALLOC_ARENA_MAX: '2' } as const;
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'] as const;

/** The node flags and environment for a server process started from one with `execArgv` and `env`. */
export function serverProcessLaunch(execArgv: readonly string[], env: Readonly<Record<string, string | undefined>>): { execArgv: string[]; env: Record<string, string> } {
  const flagName = (f: string) => f.split('=')[0]!.replace(/_/g, '-');
  const given = new Set([...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)].filter(Boolean).map(flagName));
  const extraEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(SERVER_ENV)) if (env[k] === undefined || env[k] === '') extraEnv[k] = v;
  return { execArgv: [...execArgv, ...SERVER_NODE_FLAGS.filter((f) => !given.has(flagName(f)))], env: extraEnv };
}
