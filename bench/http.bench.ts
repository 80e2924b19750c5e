// Throughput of the portal home page (React SSR + agency lookup) against a bare route that does
// no work (/healthz/bare), on a freshly started production server, measured in the same run.
import type { BenchModule } from './run.ts';

export const name = 'http';
export const title = '门户首页与空路由的吞吐量 / portal home vs bare route throughput';

export const run: BenchModule['run'] = async (ctx) => {
  const server = await ctx.startServer();
  try {
    // warm-up (JIT, caches)
    await ctx.load(`${server.baseUrl}/healthz/bare`, { seconds: 1 });
    await ctx.load(`${server.baseUrl}/`, { seconds: 1 });
    const bare = await ctx.load(`${server.baseUrl}/healthz/bare`, { seconds: 5 });
    const home = await ctx.load(`${server.baseUrl}/`, { seconds: 5 });
    return [
      { label: 'bare /healthz/bare', value: bare.rps, unit: 'req/s', note: `p99 ${bare.p99} ms, non-2xx ${bare.non2xx}` },
      { label: 'portal home /', value: home.rps, unit: 'req/s', baseline: 'bare /healthz/bare', limit: 0.05, note: `p99 ${home.p99} ms, non-2xx ${home.non2xx}` },
    ];
  } finally {
    await server.stop();
  }
};
