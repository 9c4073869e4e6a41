/**
 * Chinese for the one-line meanings of detection options that `GET /api/detection/algorithms` sends in
 * English (src/detection/detectors/option-specs.ts), keyed by that English text.
 * test/web/option-descriptions.test.ts fails when the server has a meaning with no entry here.
 */
export const OPTION_DESCRIPTIONS_ZH: Readonly<Record<string, string>> = {
  'number of past years in the baseline': '基线所用的过去年数',
  'half-width of the window around the same period in each past year': '每个过去年份中同期前后窗口的半宽',
  'down-weight past outbreaks (Anscombe residuals) and refit':
    '降低过去暴发的权重（Anscombe 残差）并重新拟合',
  'one-sided significance level of the upper bound': '上限的单侧显著性水平',
  'fit a linear time trend when it is significant': '趋势显著时拟合线性时间趋势',
  'no alarm unless at least [0] cases in the last [1] periods': '最近 [1] 期内病例数少于 [0] 时不告警',
  'power transformation for the bound': '计算上限时的幂变换',
  'Anscombe residual above which a baseline point is down-weighted': 'Anscombe 残差超过此值的基线点将被降权',
  'p-value below which the trend is kept (1: always)': 'p 值低于此值时保留趋势（1：始终保留）',
  'model rates with the population as offset': '以人口为偏移量对发病率建模',
  'seasonal levels per year (1: the window only)': '每年的季节水平数（1：仅用窗口）',
  'recent periods left out of the baseline (null: w)': '基线中排除的最近期数（null：取 w）',
  'how the bound is computed': '上限的计算方法',
  "R's model fitter": 'R 的模型拟合函数',
  'C1: no gap; C2: 2-period gap; C3: C2 summed over 3 periods':
    'C1：无间隔；C2：间隔 2 期；C3：C2 在 3 期上的累加',
  'number of baseline periods': '基线期数',
  'lower limit of the standard deviation': '标准差的下限',
  'significance level (null: 0.001 for C1/C2, 0.025 for C3)':
    '显著性水平（null：C1/C2 为 0.001，C3 为 0.025）',
  'reference value (allowance)': '参考值（容许量）',
  'decision boundary': '决策界限',
  'in-control mean: null (mean of the baseline), "glm", a number or an array':
    '受控均值：null（基线均值）、"glm"、一个数或一个数组',
  'transformation of the counts': '计数的变换',
  'dispersion for the pearsonNegBin transformation': 'pearsonNegBin 变换所用的离散度',
  'threshold of the GLR statistic': 'GLR 统计量的阈值',
  'in-control means: null (seasonal GLM), an array, or {S, trend, refit}':
    '受控均值：null（季节性 GLM）、一个数组，或 {S, trend, refit}',
  'number of observations needed before an alarm': '告警前所需的观测数',
  'longest window searched back (−1: all)': '向前搜索的最长窗口（−1：全部）',
  'kind of change detected': '检测的变化类型',
  'known shift (null: estimated, the GLR)': '已知的偏移量（null：估计，即 GLR）',
  'direction of the change': '变化的方向',
  'bound as the statistic (value) or as cases needed': '上限以统计量（value）或所需病例数（cases）表示',
  'search limit for the cases needed': '所需病例数的搜索上限',
  'negative binomial dispersion (null: estimated)': '负二项离散度（null：估计）',
  "one of R's preset variants": 'R 的预设变体之一',
  'half-width of the window around the same period': '同期前后窗口的半宽',
  'also use the periods just before in the current year': '同时使用本年度紧邻的前几期',
  'one-sided significance level': '单侧显著性水平',
  'number of past years': '过去年数',
  'blocks on each side of the same period (R uses 1 unless w is given)':
    '同期两侧的区块数（除非给出 w，R 取 1）',
  'threshold of the statistic': '统计量的阈值',
};

/** The meaning of an option in the UI's language (the server's English when no translation exists). */
export function optionDescription(english: string, language: string): string {
  return language === 'zh-CN' ? (OPTION_DESCRIPTIONS_ZH[english] ?? english) : english;
}
