//! [`IndicatorValue`] → canonical notation.

use super::IndicatorValue;

/// The value in the canonical notation (`≥18000家次`, `约100家`, `5-8%`, `2024年12月31日前`).
pub fn render(value: &IndicatorValue) -> String {
    // Placeholder until the notation renderer lands (issue 2).
    value.text.clone()
}
