//! The family of forms, independent of any spreadsheet layout: one type per kind, sharing the
//! indicator row, money with its unit, goals and provenance.
//!
//! - [`Form`]: 部门整体预算绩效目标申报表, the JSON contract `jixiao/form@1`.
//! - [`ProjectForm`]: 项目支出绩效目标申报表, `jixiao/project-form@1`.
//! - [`SelfEvaluation`]: 绩效自评表 (of a project or a department), `jixiao/self-evaluation@1`.
//! - [`Document`]: any one of them, serialising as that kind's JSON.
//!
//! Money is exact ([`Decimal`], written as a JSON string that keeps the scale the form showed:
//! `"0.00"` stays `"0.00"`) and keeps the unit the form states; text is verbatim. Where a
//! field was read is kept beside the document, in [`Provenance`], keyed by [`FieldPath`].

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::address::CellRange;
use crate::decimal::opt_decimal;
use crate::value::IndicatorValue;

mod document;
pub(crate) mod given;
mod path;
mod project;
mod self_evaluation;

pub use document::{documents_json, Document, DocumentKind, PrintedDocument};
pub use path::{FieldPath, Segment};
pub use project::{
    FundItem, Funds, ProjectForm, ProjectGoals, ProjectInfo, PROJECT_FORMAT, PROJECT_TITLE,
};
pub use self_evaluation::{
    BudgetExecution, EvaluatedIndicator, EvaluationGoals, ExecutionRow, SelfEvaluation, Subject,
    SELF_EVALUATION_FORMAT, SELF_EVALUATION_TITLE,
};

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
    /// The form's title as written (`部门整体预算绩效目标申报表（2025年度）`).
    pub title: String,
    /// The budget year the form is for (from its title or 填报日期), when it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    /// 部门名称.
    pub department: String,
    /// 部门(单位)职责 / 部门职能概述, when the form has it (Hunan's and Hubei's forms).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub duties: String,
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
    #[serde(deserialize_with = "crate::model::given::indicators")]
    pub indicators: Vec<Indicator>,
}

impl Default for Form {
    fn default() -> Self {
        Form {
            format: FORMAT.to_string(),
            title: TITLE.to_string(),
            year: None,
            department: String::new(),
            duties: String::new(),
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
    /// 基本支出.
    BasicExpenditure,
    /// 项目支出.
    ProjectExpenditure,
    /// 财政专项资金.
    SpecialFunds,
    /// 其他事业发展性支出.
    OtherDevelopmentExpenditure,
    /// 财政拨款 (by source).
    FiscalAppropriation,
    /// 其他资金 (by source).
    OtherFunds,
    /// 市本级使用资金 (by use).
    MunicipalLevel,
    /// 拟用于对下转移支付资金 (by use).
    TransferToLowerLevel,
}

impl BudgetField {
    /// Every figure, in the order the form shows them.
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
    pub fn field_path(self) -> FieldPath {
        FieldPath::budget(self)
    }

    /// [`BudgetField::field_path`] as text: `budget.special_funds`.
    pub fn path(self) -> String {
        self.field_path().to_string()
    }
}

impl Budget {
    /// The figure `field`; `None` when the form leaves it blank.
    pub fn get(&self, field: BudgetField) -> Option<Decimal> {
        *self.slot(field)
    }

    /// Sets the figure `field` (`None` blanks it).
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
    #[serde(deserialize_with = "crate::model::given::period_value")]
    pub period_value: IndicatorValue,
    /// 年度指标值.
    #[serde(deserialize_with = "crate::model::given::annual_value")]
    pub annual_value: IndicatorValue,
    /// 指标值类型 / 指标性质 when it says 定量 or 定性 (Hunan's form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_type: Option<String>,
    /// 权重 / 分值, when the form has the column.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_decimal")]
    pub weight: Option<Decimal>,
    /// 指标解释, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// 评(扣)分标准 / 绩效标准, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// 指标方向性 (正向指标 / 反向指标), verbatim (the budget system's export).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    /// 备注, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
}

/// Where each field of a document was read: field path (`budget.special_funds`,
/// `indicators[3].annual_value`, `key_tasks[0].funds`, `overall_goals[2]`) → cell, in form
/// order.
///
/// Kept beside the document, not in it, so that the same form read from two layouts compares
/// equal. The JSON shows it only on request (`jixiao import --cells`), as an object of path
/// strings.
///
/// ```
/// use jixiao::model::{CellRef, FieldPath, Provenance};
///
/// let mut cells = Provenance::new();
/// cells.insert(FieldPath::indicator(0, "name"), CellRef::new("Sheet1", (29, 3)));
/// assert_eq!(cells.get("indicators[0].name").map(|c| c.to_string()).as_deref(), Some("Sheet1!D30"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Provenance(BTreeMap<FieldPath, CellRef>);

impl Provenance {
    /// No cells (a document read from JSON).
    pub fn new() -> Provenance {
        Provenance::default()
    }

    /// Records where `path` was read; returns the cell recorded before, if any.
    pub fn insert(&mut self, path: impl Into<FieldPath>, cell: CellRef) -> Option<CellRef> {
        self.0.insert(path.into(), cell)
    }

    /// Where `path` (a [`FieldPath`], or its text) was read.
    pub fn get<P: AsFieldPath + ?Sized>(&self, path: &P) -> Option<&CellRef> {
        match path.as_field_path() {
            std::borrow::Cow::Borrowed(p) => self.0.get(p),
            std::borrow::Cow::Owned(p) => self.0.get(&p),
        }
    }

    /// Every path and its cell, in form order.
    pub fn iter(&self) -> std::collections::btree_map::Iter<'_, FieldPath, CellRef> {
        self.0.iter()
    }

    /// The paths at or below `path` (`indicators` → every indicator's cells), in form order.
    pub fn under(&self, path: &FieldPath) -> impl Iterator<Item = (&FieldPath, &CellRef)> {
        let path = path.clone();
        self.0
            .range(path.clone()..)
            .take_while(move |(p, _)| p.is_under(&path))
    }

    /// How many fields have a cell.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no field has a cell.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What [`Provenance::get`] accepts: a [`FieldPath`] or its text (`"budget.special_funds"`).
pub trait AsFieldPath {
    /// The path.
    fn as_field_path(&self) -> std::borrow::Cow<'_, FieldPath>;
}

impl AsFieldPath for FieldPath {
    fn as_field_path(&self) -> std::borrow::Cow<'_, FieldPath> {
        std::borrow::Cow::Borrowed(self)
    }
}

impl AsFieldPath for str {
    fn as_field_path(&self) -> std::borrow::Cow<'_, FieldPath> {
        std::borrow::Cow::Owned(FieldPath::from(self))
    }
}

impl AsFieldPath for String {
    fn as_field_path(&self) -> std::borrow::Cow<'_, FieldPath> {
        std::borrow::Cow::Owned(FieldPath::from(self.as_str()))
    }
}

impl<'a> IntoIterator for &'a Provenance {
    type Item = (&'a FieldPath, &'a CellRef);
    type IntoIter = std::collections::btree_map::Iter<'a, FieldPath, CellRef>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<P: Into<FieldPath>> FromIterator<(P, CellRef)> for Provenance {
    fn from_iter<I: IntoIterator<Item = (P, CellRef)>>(iter: I) -> Provenance {
        Provenance(iter.into_iter().map(|(p, c)| (p.into(), c)).collect())
    }
}

/// A cell or a range of cells on a named sheet: where a field was read, or what a finding
/// points at. Its JSON is `{"sheet": "Sheet1", "cell": "E23"}`; its text `Sheet1!E23`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CellRef {
    /// The sheet's name, verbatim.
    pub sheet: String,
    /// The cell (`E23`) or the merged region or range (`A12:A40`).
    pub cell: CellRange,
}

impl CellRef {
    /// The cell or range `cell` on `sheet`.
    pub fn new(sheet: impl Into<String>, cell: impl Into<CellRange>) -> CellRef {
        CellRef {
            sheet: sheet.into(),
            cell: cell.into(),
        }
    }

    /// Reads `Sheet1!E23` or `'My sheet'!A1:B2` (the [`Display`](std::fmt::Display) form).
    ///
    /// ```
    /// use jixiao::model::CellRef;
    ///
    /// let cell = CellRef::parse("'预算 表'!E23").expect("a cell");
    /// assert_eq!((cell.sheet.as_str(), cell.cell.first), ("预算 表", (22, 4)));
    /// assert_eq!(CellRef::parse(&cell.to_string()), Some(cell));
    /// assert_eq!(CellRef::parse("E23"), None);
    /// ```
    pub fn parse(text: &str) -> Option<CellRef> {
        let (sheet, cell) = text.rsplit_once('!')?;
        let sheet = match sheet.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
            Some(quoted) => quoted.replace("''", "'"),
            None => sheet.to_string(),
        };
        let cell = cell.parse().ok()?;
        (!sheet.is_empty()).then_some(CellRef { sheet, cell })
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
