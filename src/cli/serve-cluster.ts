// `gongkai serve --workers N`: one machine with several cores. The primary prepares the database once (migrations,
// sealing, demo seed — under the start-up lock, db/startup-lock.ts), then forks N workers that share the port (node
// cluster); each worker is a full server (caches told about the others' changes, jobs by lease; decision 095).
// A worker that dies is replaced; SIGTERM / SIGINT are passed on and the primary exits when every worker finished
// its requests in flight.
import cluster from 'node:cluster';

export async function runPrimary(workers: number): Promise<void> {
  const { openContext } = await import('./context.ts');
  const { seedDemoIfEmpty } = await import('../features/demo/demo.service.ts');
  const { seedSteps } = await import('../features/demo/seed-steps.ts');
  const ctx = await openContext({
    afterMigrate: async (s) => {
      if (s.config.demoSeed) await seedDemoIfEmpty(s, seedSteps, (m) => console.log(`[demo] ${m}`));
    },
  });
  await ctx.close();
  let stopping = false;
  // each worker with glibc's arenas limited and V8's new space capped (decision 195; kept if the operator set them)
  const { serverProcessLaunch } = await import('./server-process.ts');
  const launch = serverProcessLaunch(process.execArgv, process.env);
  cluster.setupPrimary({ execArgv: launch.execArgv });
  const fork = () => cluster.fork(launch.env);
  for (let i = 0; i < workers; i++) fork();
  cluster.on('exit', (w, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`工作进程 ${w.process.pid} 退出（${signal ?? code}），重新启动 / worker ${w.process.pid} exited (${signal ?? code}), restarting`);
    setTimeout(fork, 1000).unref();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const list = Object.values(cluster.workers ?? {});
    if (list.length === 0) process.exit(0);
    for (const w of list) w?.process.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  console.log(`Gongkai 主进程 ${process.pid}：${workers} 个工作进程 / primary ${process.pid}: ${workers} workers`);
}
