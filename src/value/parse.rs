//! Text → [`IndicatorValue`].

use super::{IndicatorValue, ValueKind};

/// Reads a hand-written indicator value. Never fails: what is not understood is qualitative.
pub fn parse(text: &str) -> IndicatorValue {
    // Placeholder until the notation parser lands (issue 2).
    let kind = if text.trim().is_empty() {
        ValueKind::Empty
    } else {
        ValueKind::Qualitative(Default::default())
    };
    IndicatorValue {
        text: text.to_string(),
        kind,
    }
}
