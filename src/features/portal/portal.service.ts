// The public portal: which agency `/` shows, and its contact data (条例 第十二条: 公开指南 contents).
import type { AgenciesService, Agency } from '../agencies/agencies.service.ts';
import { DEMO_DEPARTMENT_CODE } from '../demo/demo.data.ts';

export interface PortalService {
  /**
   * The portal agency: PORTAL_AGENCY (a 统一社会信用代码) when configured; else the demo department
   * (12370602780795309E) when present; else the first root agency; undefined on an empty database.
   */
  portalAgency(): Promise<Agency | undefined>;
}

export function createPortalService(agencies: AgenciesService, configured: string | undefined): PortalService {
  let cached: { at: number; agency: Agency | undefined } | undefined;
  return {
    async portalAgency() {
      // Cache for 10 s: the portal home is the hottest page; agency data change rarely.
      const now = Date.now();
      if (cached && now - cached.at < 10_000 && cached.agency) return cached.agency;
      let agency: Agency | undefined;
      if (configured) agency = await agencies.getByCreditCode(configured);
      if (!agency) agency = await agencies.getByCreditCode(DEMO_DEPARTMENT_CODE);
      if (!agency) agency = (await agencies.list()).find((a) => a.parentId === null);
      cached = { at: now, agency };
      return agency;
    },
  };
}
