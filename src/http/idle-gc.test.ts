import { createServer, request, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { shouldCollect, startIdleCollection } from './idle-gc.ts';

describe('shouldCollect', () => {
  it.each([
    // [in flight, last activity (ms), dirty, now (ms), idle (ms), collect?]
    [0, 1_000, true, 11_000, 10_000, true],
    [0, 1_000, true, 10_999, 10_000, false],
    [1, 1_000, true, 60_000, 10_000, false],
    [0, 1_000, false, 60_000, 10_000, false],
    [0, 0, true, 250, 250, true],
  ])('in flight %i, last %i ms, dirty %s, at %i ms, idle %i ms → %s', (inFlight, lastActivity, dirty, now, idle, want) => {
    expect(shouldCollect({ inFlight, lastActivity, dirty }, now, idle)).toBe(want);
  });
});

describe('startIdleCollection', () => {
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise((r) => server?.close(r));
    server = null;
  });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const get = (port: number) => new Promise<void>((resolve, reject) => {
    request({ port, host: '127.0.0.1', path: '/' }, (res) => { res.resume(); res.on('end', () => resolve()); }).on('error', reject).end();
  });

  it('collects once per quiet spell after traffic, never while a request is in flight', async () => {
    let release: (() => void) | null = null;
    server = createServer((req, res) => {
      if (req.url === '/slow') release = () => res.end('ok');
      else res.end('ok');
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const idle = startIdleCollection(server, { idleMs: 300, heapGrowingPercent: 0 });
    try {
      await sleep(700);
      expect(idle.collections).toBe(0); // no traffic yet
      await get(port);
      await sleep(800);
      expect(idle.collections).toBe(1);
      await sleep(800);
      expect(idle.collections).toBe(1); // still quiet: not again
      const slow = new Promise<void>((resolve) => { request({ port, host: '127.0.0.1', path: '/slow' }, (res) => { res.resume(); res.on('end', () => resolve()); }).end(); });
      await sleep(900);
      expect(idle.collections).toBe(1); // a request in flight
      release!();
      await slow;
      await sleep(800);
      expect(idle.collections).toBe(2);
    } finally {
      idle.stop();
    }
  });
});
