import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../../src/http/app.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

describe.each(engines())('OpenAPI document (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('lists every /api route with an operationId, unique across the document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { operationId?: string }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const apiRoutes = registeredRoutes(t.app).filter(
      (r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json' && r.method !== 'HEAD',
    );
    expect(apiRoutes.length).toBeGreaterThanOrEqual(10);
    const ids: string[] = [];
    for (const r of apiRoutes) {
      const openapiPath = r.url.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[openapiPath]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.url} is missing from the OpenAPI document`).toBeDefined();
      expect(op!.operationId, `${r.method} ${r.url} has no operationId`).toBeTruthy();
      ids.push(op!.operationId!);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/api/agencies']?.get?.operationId).toBe('listAgencies');
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/admin'))).toBe(false);
  });

  it('serves the API docs page at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });

  it('GET /api/agencies lists the demo tree with credit codes and parents', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/agencies' });
    const list = res.json().agencies as { id: number; name: string; creditCode: string; parentId: number | null; kind: string }[];
    const gov = list.find((a) => a.kind === 'government')!;
    const dept = list.find((a) => a.creditCode === '12370602780795309E')!;
    expect(dept).toMatchObject({ name: '烟台市芝罘区行政审批服务局', parentId: gov.id });
    const street = list.find((a) => a.kind === 'street')!;
    expect(list.find((a) => a.kind === 'community')!.parentId).toBe(street.id);
  });
});
