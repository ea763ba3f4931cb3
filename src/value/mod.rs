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
    /// `≥`, 不低于, 不少于, 以上.
    #[serde(rename = ">=")]
    Ge,
    /// `>`, 高于, 超过.
    #[serde(rename = ">")]
    Gt,
    /// `=`, 等于.
    #[serde(rename = "=")]
    Eq,
    /// `<`, 低于, 少于.
    #[serde(rename = "<")]
    Lt,
    /// `≤`, 不超过, 不高于, 以内.
    #[serde(rename = "<=")]
    Le,
    /// 约, 大约, `≈`.
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

/// A threshold: an operator, a number and its unit (`≥18000家次`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// How the actual value must compare with `value`.
    pub op: Op,
    /// The number as written, exact (`95` for `95%`).
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

/// A number with its unit's multiplier applied (`1万台` → 10000 台).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scaled {
    /// The number times the multiplier, exact.
    #[serde(with = "str_decimal")]
    pub value: Decimal,
    /// The unit without its multiplier (`台`).
    pub unit: String,
}

/// A span of numbers with one unit (`5%-8%`, `18—54周岁`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    /// The lower end, exact.
    #[serde(with = "str_decimal")]
    pub min: Decimal,
    /// The upper end, exact.
    #[serde(with = "str_decimal")]
    pub max: Decimal,
    /// `""` when none.
    pub unit: String,
    /// A trailing parenthetical or annotation, as for [`Comparison::note`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A date to be done by (`2024年12月31日前`, `2023年底`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// Always `<=`: done by that date.
    pub op: Op,
    /// `YYYY-MM-DD`; when the text gives no year (`6月底前`), `--MM-DD` (ISO 8601's form for
    /// a date without year) and `year_unknown` is true.
    pub date: String,
    /// The text names no year: `date` is `--MM-DD`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub year_unknown: bool,
    /// A trailing parenthetical or annotation, as for [`Comparison::note`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A time span (`2023.07-2024.01`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// As precise as written: `2023-07`, `2021-01-01`, `2020`.
    pub start: String,
    /// As precise as written, like `start`.
    pub end: String,
    /// A trailing parenthetical or annotation, as for [`Comparison::note`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A value in words (`较去年同期下降`), with what can be read from them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Qualitative {
    /// The direction the words ask for, when they name one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// Thresholds embedded in a sentence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
}

/// The direction words ask for (`较去年同期下降` → [`Direction::Decrease`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// 提高, 提升, 增长.
    Increase,
    /// 下降, 降低, 减少.
    Decrease,
    /// 保持, 稳定, 维持.
    Maintain,
}

/// `服务企业数量不少于20家` inside a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// What is measured (`服务企业数量`).
    pub subject: String,
    /// How it must compare with `value`.
    pub op: Op,
    /// The number, exact.
    #[serde(with = "str_decimal")]
    pub value: Decimal,
    /// `""` when none.
    pub unit: String,
}
