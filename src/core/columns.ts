/** Columns of the Benchmarks table body (metrics.md section 3), in order. */
export const BENCHMARK_COLUMNS = ["Metric ID", "Name", "Direction", "Meets", "Excellent", "Unit", "Red line", "Source"] as const;

/** The same columns as the Chinese Benchmarks sheet heads them, and as Chinese messages name them. */
export const BENCHMARK_COLUMNS_ZH = ["指标编号", "指标名称", "方向", "达标值", "优秀值", "单位", "红线", "来源"] as const;
