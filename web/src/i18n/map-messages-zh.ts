import type { mapMessagesEn } from './map-messages-en.ts';

/** 地图页面与分级统计地图的界面文字（简体中文）。 */
export const mapMessagesZh: { readonly [K in keyof typeof mapMessagesEn]: string } = {
  navMap: '地图',
  mapPageTitle: '地图',
  mapLayer: '图层',
  mapLayerWorld: '世界：国家和地区',
  mapLayerAdmin1: '某国的一级行政区',
  mapLayerChina: '中国：省级行政区',
  mapLayerDistricts: '演示数据各县（巴伐利亚、巴登-符腾堡）',
  mapCountry: '国家或地区',
  mapMetric: '显示',
  mapMetricSignals: '未结信号',
  mapMetricAlarms: '告警',
  mapMetricObservations: '观测病例数',
  mapValueSignals: '未结信号 {n} 条',
  mapValueAlarms: '告警 {n} 次',
  mapValueObservations: '病例 {n} 例',
  mapFrom: '起始日期',
  mapTo: '截止日期',
  mapAreaLabel: '地图：各区域{metric}——{layer}',
  mapLegendOf: '各区域{metric}',
  mapHintArea: '指向某区域（或用 Tab 键移至该区域）可查看数值；选择该区域可将其打开。',
  mapOpensSignals: '选择区域将在信号收件箱中打开其信号。',
  mapOpensSeries: '选择区域将在序列浏览器中打开其序列。',
  mapNoPlace: '无对应地点（无 ISO 代码）',
  mapLoadingLayer: '正在加载边界……',
  mapEmpty: '在您的管辖范围内，按当前筛选条件，此图层上没有可统计的内容。',
  mapAttribution:
    '边界：Natural Earth（公有领域），为事实控制线，仅供开发和测试使用；演示县界来自 R 软件包 surveillance。',
};
