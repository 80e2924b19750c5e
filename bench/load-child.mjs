// autocannon in its own process (bench/load-generator.ts), so that it can be pinned to a core and its CPU counted:
// argv[2] is the JSON of GeneratorOptions; prints one GeneratorRun as JSON. The CPU counted starts after the imports.
import autocannon from 'autocannon';

const o = JSON.parse(process.argv[2]);
const before = process.cpuUsage();
const r = await autocannon({ url: o.url, connections: o.connections, duration: o.seconds, headers: o.headers, timeout: 10 });
const cpu = process.cpuUsage(before);
process.stdout.write(JSON.stringify({
  rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts, requests: r.requests.total,
  cpuMs: (cpu.user + cpu.system) / 1000,
}));
