// The static, ordered list of migrations (forward-only). Add one line per new migration file:
//   import * as m010 from './010_calendar.ts';   …   '010_calendar': m010,
// Names sort lexicographically (Kysely runs them in name order); never edit a migration that has shipped.
import type { Migration } from 'kysely';
import * as m001 from './001_skeleton.ts';
import * as m010 from './010_calendar.ts';
import * as m030 from './030_applications.ts';
import * as m040 from './040_catalogue.ts';
import * as m050 from './050_annual_report.ts';
import * as m060 from './060_personal_data.ts';
import * as m061 from './061_throttle.ts';
import * as m063 from './063_audit_chain_passwords.ts';
import * as m064 from './064_work_delivery.ts';
import * as m067 from './067_search_metadata.ts';
import * as m095 from './095_cluster.ts';
import * as m085 from './085_service_items.ts';
import * as m080 from './080_evaluations.ts';
import * as m110 from './110_supervision.ts';
import * as m096 from './096_disclosure_publication.ts';
import * as m115 from './115_search_scale.ts';
import * as m116 from './116_agency_key_indexes.ts';
import * as m111 from './111_supervision_campaign.ts';
import * as m155 from './155_supervision_sampling.ts';
import * as m156 from './156_sample_items_agency_index.ts';
import * as m175 from './175_audit_cell_corrections.ts';
import * as m220 from './220_audit_finding_counts_and_removals.ts';
import * as m200 from './200_deadline_plain_clock.ts';
import * as m180 from './180_supervision_rankings_indexes.ts';
import * as m205 from './205_applications_agency_key.ts';
import * as m165 from './165_service_item_check_digests.ts';
import * as m185 from './185_supervision_hierarchy.ts';
import * as m206 from './206_catalogue_agency_key.ts';
import * as m207 from './207_annual_report_agency_key.ts';
import * as m245 from './245_evaluation_orders_agency_key.ts';
import * as m230 from './230_deadline_hot_updates.ts';
import * as m215 from './215_supervision_figures.ts';
import * as m216 from './216_supervision_report_figures.ts';
import * as m246 from './246_service_items_agency_key.ts';
import * as m247 from './247_supervision_runs_agency_key.ts';
import * as m250 from './250_trigger_custom_plans.ts';
import * as m251 from './251_deadline_figures_guard.ts';
import * as m285 from './285_deadline_plain_results.ts';
import * as m125 from './125_list_indexes.ts';
import * as m120 from './120_redactions.ts';
import * as m130 from './130_evaluation_stats_indexes.ts';
import * as m235 from './235_catalogue_year_counts.ts';

export const migrations: Record<string, Migration> = {
  '001_skeleton': m001,
  '010_calendar': m010,
  '030_applications': m030,
  '040_catalogue': m040,
  '050_annual_report': m050,
  '060_personal_data': m060,
  '061_throttle': m061,
  '063_audit_chain_passwords': m063,
  '064_work_delivery': m064,
  '067_search_metadata': m067,
  '095_cluster': m095,
  '085_service_items': m085,
  '080_evaluations': m080,
  '110_supervision': m110,
  '096_disclosure_publication': m096,
  '115_search_scale': m115,
  '116_agency_key_indexes': m116,
  '111_supervision_campaign': m111,
  '125_list_indexes': m125,
  '120_redactions': m120,
  '130_evaluation_stats_indexes': m130,
  '155_supervision_sampling': m155,
  '156_sample_items_agency_index': m156,
  '175_audit_cell_corrections': m175,
  '200_deadline_plain_clock': m200,
  '180_supervision_rankings_indexes': m180,
  '205_applications_agency_key': m205,
  '165_service_item_check_digests': m165,
  '185_supervision_hierarchy': m185,
  '206_catalogue_agency_key': m206,
  '207_annual_report_agency_key': m207,
  '245_evaluation_orders_agency_key': m245,
  '220_audit_finding_counts_and_removals': m220,
  '235_catalogue_year_counts': m235,
  '230_deadline_hot_updates': m230,
  '215_supervision_figures': m215,
  '216_supervision_report_figures': m216,
  '246_service_items_agency_key': m246,
  '247_supervision_runs_agency_key': m247,
  '250_trigger_custom_plans': m250,
  '251_deadline_figures_guard': m251,
  '285_deadline_plain_results': m285,
};
