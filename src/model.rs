//! The form: what a 部门整体预算绩效目标申报表 says, independent of any spreadsheet layout.
//!
//! Serialises to the JSON contract `jixiao/form@1`. Money is exact ([`Decimal`], written as a
//! JSON string that keeps the scale the form showed: `"0.00"` stays `"0.00"`); text is verbatim.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::value::IndicatorValue;

/// The `format` tag of the JSON contract.
pub const FORMAT: &str = "jixiao/form@1";

/// The form's canonical title.
pub const TITLE: &str = "部门整体预算绩效目标申报表";

/// One 部门整体预算绩效目标申报表.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// Always [`FORMAT`].
    pub format: String,
    pub title: String,
    /// 部门名称.
    pub department: String,
    /// 基本信息.
    pub basic_info: BasicInfo,
    /// 预算整体情况, in 万元.
    pub budget: Budget,
    /// 总体绩效目标: one item per paragraph.
    pub overall_goals: Vec<String>,
    /// 年度重点工作任务.
    pub key_tasks: Vec<KeyTask>,
    /// 其他需完成的任务（可选填）.
    pub other_tasks: String,
    /// 绩效指标, in the form's row order.
    pub indicators: Vec<Indicator>,
}

impl Default for Form {
    fn default() -> Self {
        Form {
            format: FORMAT.to_string(),
            title: TITLE.to_string(),
            department: String::new(),
            basic_info: BasicInfo::default(),
            budget: Budget::default(),
            overall_goals: Vec::new(),
            key_tasks: Vec::new(),
            other_tasks: String::new(),
            indicators: Vec::new(),
        }
    }
}

/// 基本信息.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasicInfo {
    /// 财政供养人员数.
    pub staff_count: Option<u64>,
    /// 下属二级单位数.
    pub subordinate_units: Option<u64>,
}

/// 预算整体情况: eight figures in 万元. A blank cell is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Always `"万元"`.
    pub unit: String,
    /// 基本支出.
    #[serde(with = "opt_decimal")]
    pub basic_expenditure: Option<Decimal>,
    /// 项目支出.
    #[serde(with = "opt_decimal")]
    pub project_expenditure: Option<Decimal>,
    /// 财政专项资金.
    #[serde(with = "opt_decimal")]
    pub special_funds: Option<Decimal>,
    /// 其他事业发展性支出.
    #[serde(with = "opt_decimal")]
    pub other_development_expenditure: Option<Decimal>,
    /// 财政拨款.
    #[serde(with = "opt_decimal")]
    pub fiscal_appropriation: Option<Decimal>,
    /// 其他资金.
    #[serde(with = "opt_decimal")]
    pub other_funds: Option<Decimal>,
    /// 市本级使用资金.
    #[serde(with = "opt_decimal")]
    pub municipal_level: Option<Decimal>,
    /// 拟用于对下转移支付资金.
    #[serde(with = "opt_decimal")]
    pub transfer_to_lower_level: Option<Decimal>,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            unit: "万元".to_string(),
            basic_expenditure: None,
            project_expenditure: None,
            special_funds: None,
            other_development_expenditure: None,
            fiscal_appropriation: None,
            other_funds: None,
            municipal_level: None,
            transfer_to_lower_level: None,
        }
    }
}

/// The eight budget figures, named once: their JSON key, and accessors on [`Budget`].
///
/// Labels live in `templates/labels.toml` under the same keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BudgetField {
    BasicExpenditure,
    ProjectExpenditure,
    SpecialFunds,
    OtherDevelopmentExpenditure,
    FiscalAppropriation,
    OtherFunds,
    MunicipalLevel,
    TransferToLowerLevel,
}

impl BudgetField {
    pub const ALL: [BudgetField; 8] = [
        BudgetField::BasicExpenditure,
        BudgetField::ProjectExpenditure,
        BudgetField::SpecialFunds,
        BudgetField::OtherDevelopmentExpenditure,
        BudgetField::FiscalAppropriation,
        BudgetField::OtherFunds,
        BudgetField::MunicipalLevel,
        BudgetField::TransferToLowerLevel,
    ];

    /// The JSON key, also the key in `templates/labels.toml`.
    pub fn key(self) -> &'static str {
        match self {
            BudgetField::BasicExpenditure => "basic_expenditure",
            BudgetField::ProjectExpenditure => "project_expenditure",
            BudgetField::SpecialFunds => "special_funds",
            BudgetField::OtherDevelopmentExpenditure => "other_development_expenditure",
            BudgetField::FiscalAppropriation => "fiscal_appropriation",
            BudgetField::OtherFunds => "other_funds",
            BudgetField::MunicipalLevel => "municipal_level",
            BudgetField::TransferToLowerLevel => "transfer_to_lower_level",
        }
    }

    /// The field path used in provenance and diagnostics, e.g. `budget.special_funds`.
    pub fn path(self) -> String {
        format!("budget.{}", self.key())
    }
}

impl Budget {
    pub fn get(&self, field: BudgetField) -> Option<Decimal> {
        *self.slot(field)
    }

    pub fn set(&mut self, field: BudgetField, value: Option<Decimal>) {
        *self.slot_mut(field) = value;
    }

    fn slot(&self, field: BudgetField) -> &Option<Decimal> {
        match field {
            BudgetField::BasicExpenditure => &self.basic_expenditure,
            BudgetField::ProjectExpenditure => &self.project_expenditure,
            BudgetField::SpecialFunds => &self.special_funds,
            BudgetField::OtherDevelopmentExpenditure => &self.other_development_expenditure,
            BudgetField::FiscalAppropriation => &self.fiscal_appropriation,
            BudgetField::OtherFunds => &self.other_funds,
            BudgetField::MunicipalLevel => &self.municipal_level,
            BudgetField::TransferToLowerLevel => &self.transfer_to_lower_level,
        }
    }

    fn slot_mut(&mut self, field: BudgetField) -> &mut Option<Decimal> {
        match field {
            BudgetField::BasicExpenditure => &mut self.basic_expenditure,
            BudgetField::ProjectExpenditure => &mut self.project_expenditure,
            BudgetField::SpecialFunds => &mut self.special_funds,
            BudgetField::OtherDevelopmentExpenditure => &mut self.other_development_expenditure,
            BudgetField::FiscalAppropriation => &mut self.fiscal_appropriation,
            BudgetField::OtherFunds => &mut self.other_funds,
            BudgetField::MunicipalLevel => &mut self.municipal_level,
            BudgetField::TransferToLowerLevel => &mut self.transfer_to_lower_level,
        }
    }
}

/// One row of 年度重点工作任务.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyTask {
    /// 名称.
    pub name: String,
    /// 主要实施内容.
    pub content: String,
    /// 拟投入的资金 (万元); blank is `None`.
    #[serde(with = "opt_decimal")]
    pub funds: Option<Decimal>,
    /// 期望达到的目标(概述).
    pub expected_outcome: String,
}

/// One row of the 绩效指标 table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 一级指标, as the form names it (annotations such as "(50分)" stripped).
    pub level1: String,
    /// 二级指标, as the form names it.
    pub level2: String,
    /// 三级指标.
    pub name: String,
    /// 实施周期指标值.
    pub period_value: IndicatorValue,
    /// 年度指标值.
    pub annual_value: IndicatorValue,
}

/// Where each field of a form was read: field path (`budget.special_funds`,
/// `indicators[3].annual_value`, `key_tasks[0].funds`, `overall_goals[2]`) → cell.
///
/// Kept beside the [`Form`], not in it, so that the same form read from two layouts compares
/// equal. The JSON shows it only on request (`jixiao import --cells`).
pub type Provenance = BTreeMap<String, CellRef>;

/// A cell or a range of cells on a named sheet.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CellRef {
    pub sheet: String,
    /// A1 notation: `E23`, or a range `A12:A40`.
    pub cell: String,
}

impl CellRef {
    /// Reads `Sheet1!E23` or `'My sheet'!A1:B2` (the [`Display`](std::fmt::Display) form).
    ///
    /// ```
    /// use jixiao::model::CellRef;
    ///
    /// let cell = CellRef::parse("'预算 表'!E23").expect("a cell");
    /// assert_eq!((cell.sheet.as_str(), cell.cell.as_str()), ("预算 表", "E23"));
    /// assert_eq!(CellRef::parse(&cell.to_string()), Some(cell));
    /// assert_eq!(CellRef::parse("E23"), None);
    /// ```
    pub fn parse(text: &str) -> Option<CellRef> {
        let (sheet, cell) = text.rsplit_once('!')?;
        let sheet = match sheet.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
            Some(quoted) => quoted.replace("''", "'"),
            None => sheet.to_string(),
        };
        let valid = !cell.is_empty()
            && cell
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == ':');
        (valid && !sheet.is_empty()).then(|| CellRef {
            sheet,
            cell: cell.to_string(),
        })
    }
}

impl std::fmt::Display for CellRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.sheet.chars().all(|c| c.is_alphanumeric() || c == '_') {
            write!(f, "{}!{}", self.sheet, self.cell)
        } else {
            write!(f, "'{}'!{}", self.sheet.replace('\'', "''"), self.cell)
        }
    }
}

/// `Option<Decimal>` as a JSON string or null, keeping the scale (`"0.00"`).
pub(crate) mod opt_decimal {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        let text: Option<String> = Option::deserialize(d)?;
        match text {
            None => Ok(None),
            Some(t) => super::exact_decimal(&t)
                .map(Some)
                .map_err(serde::de::Error::custom),
        }
    }
}

/// `text` as an exact decimal, or why not: a number with more digits than a `Decimal` keeps
/// (28 significant) is refused rather than rounded (`1e-31` would otherwise become `0`).
fn exact_decimal(text: &str) -> Result<Decimal, String> {
    let value = text
        .parse::<Decimal>()
        .map_err(|e| format!("not a decimal number {text:?}: {e}"))?;
    // The digits that matter, without sign, leading zeros or trailing fractional zeros.
    let digits = |t: &str| -> (bool, String) {
        let t = t.trim_start_matches('+');
        let (negative, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        let shown = if frac.is_empty() {
            int.to_string()
        } else {
            format!("{int}.{frac}")
        };
        (negative && !shown.is_empty(), shown)
    };
    if digits(text) != digits(&value.to_string()) {
        return Err(format!(
            "{text:?} has more digits than can be kept exactly (28 significant digits at most)"
        ));
    }
    Ok(value)
}

/// `Decimal` as a JSON string, keeping the scale.
pub(crate) mod str_decimal {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(value)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(d)?;
        super::exact_decimal(&text).map_err(serde::de::Error::custom)
    }
}
