// The columns of a ratings import file (gongkai evaluations import; its --help prints them).
import { CHANNELS } from '../../core/evaluations/index.ts';

/** The columns of an import file: the first header that matches names the column (case and spaces ignored). */
export const IMPORT_COLUMNS = [
  { key: 'sourceId', headers: ['来源编号', '评价编号', 'source_id', 'id'], required: true, note: '设备或平台的评价编号；再次导入同一编号的行算作重复，不再写入' },
  { key: 'agency', headers: ['机构统一社会信用代码', '统一社会信用代码', 'agency'], required: true, note: '被评价机构的统一社会信用代码（18位）' },
  { key: 'ratedOn', headers: ['评价日期', 'rated_on', 'date'], required: true, note: 'YYYY-MM-DD，不能晚于今天' },
  { key: 'level', headers: ['评价等级', '等级', 'level'], required: true, note: '1至5，或 非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意' },
  { key: 'channel', headers: ['评价渠道', '渠道', 'channel'], required: true, note: `${CHANNELS.join(' / ')}，或其中文名称（窗口评价器、二维码 / 小程序、网上、电话回访、短信、自助终端、意见箱、问卷）` },
  { key: 'targetType', headers: ['评价对象类型', '对象类型', 'target_type'], required: false, note: 'case / service_item / window / staff / agency 或 办件、政务服务事项、窗口、工作人员、机构；空 = 机构' },
  { key: 'targetRef', headers: ['评价对象编号', '对象编号', 'target_ref'], required: false, note: '办件编号、事项编码、窗口名称、工号；机构不填' },
  { key: 'serviceItemCode', headers: ['事项编码', 'service_item_code'], required: false, note: '政务服务事项编码' },
  { key: 'comment', headers: ['评价内容', '意见', 'comment'], required: false, note: '最多1000字' },
  { key: 'name', headers: ['评价人姓名', '姓名', 'name'], required: false, note: '实名评价：姓名和电话都填' },
  { key: 'phone', headers: ['评价人电话', '联系电话', 'phone'], required: false, note: '实名评价的联系电话' },
] as const;
