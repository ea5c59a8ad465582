"""careloop's statistics engine: plain Python (numpy, scipy), no Django.

- SPC: `xmr`, `xmr_rate` give an `SpcResult` (Making Data Count XmR charts).
- Impact: `count_impact`, `mean_impact`, `proportion_impact` (before/after) and
  `compare_group_*` (pilot against comparison) give an `ImpactResult` with a finding.
- Sample size: `periods_for_*_change` give a `SampleSizeResult` with a note.
- Charts: `xmr_svg` (accessible SVG) and `chart_table` (the data-table alternative).
"""

from .charts import TABLE_HEADERS, ChartMarker, ChartRow, chart_table, xmr_svg
from .errors import StatsInputError
from .impact import (
    ImpactResult,
    Kind,
    Outcome,
    compare_group_counts,
    compare_group_means,
    compare_group_proportions,
    count_impact,
    mean_impact,
    proportion_impact,
)
from .rules import Rule
from .sample_size import (
    SampleSizeResult,
    periods_for_mean_change,
    periods_for_proportion_change,
    periods_for_rate_change,
)
from .significance import (
    MeanDifferenceTest,
    ProportionTest,
    RateRatioTest,
    proportion_test,
    rate_ratio_test,
    welch_test,
)
from .spc import xmr, xmr_rate
from .spc_text import assurance_label, describe_spc, point_rule_labels, variation_label
from .spc_types import (
    Assurance,
    Direction,
    Rebase,
    Segment,
    SpcOptions,
    SpcPoint,
    SpcResult,
    Variation,
    VariationIcon,
)

__all__ = [
    "TABLE_HEADERS",
    "Assurance",
    "ChartMarker",
    "ChartRow",
    "Direction",
    "ImpactResult",
    "Kind",
    "MeanDifferenceTest",
    "Outcome",
    "ProportionTest",
    "RateRatioTest",
    "Rebase",
    "Rule",
    "SampleSizeResult",
    "Segment",
    "SpcOptions",
    "SpcPoint",
    "SpcResult",
    "StatsInputError",
    "Variation",
    "VariationIcon",
    "assurance_label",
    "chart_table",
    "compare_group_counts",
    "compare_group_means",
    "compare_group_proportions",
    "count_impact",
    "describe_spc",
    "mean_impact",
    "periods_for_mean_change",
    "periods_for_proportion_change",
    "periods_for_rate_change",
    "point_rule_labels",
    "proportion_impact",
    "proportion_test",
    "rate_ratio_test",
    "variation_label",
    "welch_test",
    "xmr",
    "xmr_rate",
    "xmr_svg",
]
