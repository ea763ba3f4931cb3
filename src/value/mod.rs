//! Indicator values: the hand-written text of 实施周期指标值 / 年度指标值 and what it means.
//!
//! Every value keeps its verbatim `text`; [`parse`] adds a structured reading of it and
//! [`render`] writes a reading back in the canonical notation.
//!
//! ```
//! use jixiao::value::{parse, ValueKind, Op};
//!
//! let v = parse("≥18000家次");
//! assert_eq!(v.text, "≥18000家次");
//! match &v.kind {
//!     ValueKind::Comparison(c) => {
//!         assert_eq!(c.op, Op::Ge);
//!         assert_eq!(c.value.to_string(), "18000");
//!         assert_eq!(c.unit, "家次");
//!     }
//!     other => panic!("unexpected {other:?}"),
//! }
//! ```

mod date;
mod notation;
mod parse;
mod render;
mod split;

pub use parse::parse;
pub use render::render;
pub use split::{compose_split, split_roles, SplitCells};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::decimal::str_decimal;

/// A value as written in the form, with its reading.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorValue {
    /// Verbatim, as the cell shows it.
    pub text: String,
    /// What the text means.
    #[serde(flatten)]
    pub kind: ValueKind,
}

impl IndicatorValue {
    /// The reading without the text, for comparing two values that differ only in notation.
    pub fn meaning(&self) -> &ValueKind {
        &self.kind
    }
}

/// The reading of a value; serialised with a `kind` tag.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ValueKind {
    /// A blank cell.
    #[default]
    Empty,
    /// A threshold: `≥18000家次`, `约100家`, `90%以上`.
    Comparison(Comparison),
    /// `5%-8%`, `18—54周岁`.
    Range(Range),
    /// `2024年12月31日前`, `2023年底`.
    Deadline(Deadline),
    /// `2023.07-2024.01`.
    Period(Period),
    /// Anything else: a sentence, `较去年同期下降`.
    Qualitative(Qualitative),
    /// `不适用`, `无`.
    NotApplicable,
}

/// A comparison operator. `~` is 约/左右/大约.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Op {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "~")]
    About,
}

impl Op {
    /// The operator as it appears in the JSON: `>=`, `~`.
    pub fn as_json(self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Gt => ">",
            Op::Eq => "=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::About => "~",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub op: Op,
    #[serde(with = "str_decimal")]
    pub value: Decimal,
    /// `""` when none.
    pub unit: String,
    /// A trailing parenthetical or annotation: `约100家（以省下达通知为准）` → `以省下达通知为准`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What the number is relative to: `不低于发展基金出资额的1倍` → `发展基金出资额`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The value with the unit's multiplier applied: `1万台` → 10000 台.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaled: Option<Scaled>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scaled {
    #[serde(with = "str_decimal")]
    pub value: Decimal,
    pub unit: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    #[serde(with = "str_decimal")]
    pub min: Decimal,
    #[serde(with = "str_decimal")]
    pub max: Decimal,
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// Always `<=`: done by that date.
    pub op: Op,
    /// `YYYY-MM-DD`; when the text gives no year (`6月底前`), `--MM-DD` (ISO 8601's form for
    /// a date without year) and `year_unknown` is true.
    pub date: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub year_unknown: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// As precise as written: `2023-07`, `2021-01-01`, `2020`.
    pub start: String,
    pub end: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Qualitative {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// Thresholds embedded in a sentence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Increase,
    Decrease,
    Maintain,
}

/// `服务企业数量不少于20家` inside a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub subject: String,
    pub op: Op,
    #[serde(with = "str_decimal")]
    pub value: Decimal,
    pub unit: String,
}
