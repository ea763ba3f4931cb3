//! The budget system's flat table (预算管理一体化系统): one row per indicator, the value split in
//! 计算符号 | 指标值 | 计量单位, with the unit (单位名称) and project (项目名称) on every row.
//!
//! Column names, their order and the sign dictionary are data (`templates/system.toml`), one
//! profile per province; [`Profile::get`] picks one. A value the three cells cannot hold exactly
//! (a range, a deadline, `约100家`, a note or a reference) gets the closest faithful encoding and
//! its verbatim text in 指标解释, after the profile's `verbatim_prefix` — never a silent loss.
//! A qualitative value is 定性 with its words in 指标值. Money is converted exactly (×10000 from
//! 万元 to 元, with [`Decimal`]).
//!
//! A department form is more than its indicator rows: its header, budget, goals and key tasks
//! go on two sheets beside the table (the profile's `department` and `tasks`), keyed by
//! 单位名称, so that reading the workbook back gives the same department form. What else the
//! table has no column for (实施周期指标值 when it differs, 指标值类型, 评(扣)分标准, 备注) is a
//! tagged line in 指标解释 (`tags`).
//!
//! ```
//! use jixiao::value::parse;
//! use jixiao::write::system::{encode, Profile};
//!
//! let profile = Profile::get(None).expect("the default profile");
//! let cells = encode(&parse("≥18000家次"), profile);
//! assert_eq!((cells.sign.as_str(), cells.value.as_str(), cells.unit.as_str()), ("≥", "18000", "家次"));
//! assert_eq!(cells.direction, "正向");
//! assert_eq!(cells.verbatim, None);
//! let cells = encode(&parse("5%-8%"), profile);
//! assert_eq!((cells.sign.as_str(), cells.value.as_str()), ("≥", "5"));
//! assert_eq!(cells.verbatim.as_deref(), Some("5%-8%"));
//! ```

use std::sync::LazyLock;

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
use serde::Deserialize;

use super::measure::{line_count, widest_line};
use super::style::{
    BODY_FONT, BODY_SIZE, CELL_PADDING_H, CELL_PADDING_V, LINE_HEIGHT, MAX_ROW_HEIGHT,
    MIN_ROW_HEIGHT,
};
use super::workbook_error;
use super::xlsx::{properties, xlsx_error};
use crate::error::Result;
use crate::model::{BudgetField, Form, Indicator, KeyTask, ProjectForm};
use crate::value::{IndicatorValue, Op, ValueKind};

/// [`super::PROPERTY_TEMPLATE_ID`] of a flat system table.
pub const SYSTEM_ID: &str = "jixiao-system";
/// Custom document property: the profile a flat table was written with.
pub const PROPERTY_PROFILE: &str = "jixiao-system-profile";

/// What a column of the flat table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnField {
    /// 单位名称.
    UnitName,
    /// 项目名称 (blank for a department form).
    ProjectName,
    /// 预算数 (the project's or the department's budget).
    Budget,
    /// 年度目标.
    Goal,
    /// 一级指标.
    Level1,
    /// 二级指标.
    Level2,
    /// 三级指标.
    Name,
    /// 计算符号 (≥, ≤, ＝, 定性 …).
    Sign,
    /// 指标值: the number, or the words of a qualitative value.
    Value,
    /// 计量单位.
    Unit,
    /// 分值 / 权重.
    Score,
    /// 指标方向 (正向 / 反向).
    Direction,
    /// 指标解释, also where the text the other cells cannot hold goes.
    Explanation,
}

/// One column: what it holds and its header text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// What the column holds.
    pub field: ColumnField,
    /// The header text, verbatim.
    pub header: String,
}

/// The 计算符号 dictionary of a system.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signs {
    /// The sign for ≥.
    pub ge: String,
    /// The sign for >.
    pub gt: String,
    /// The sign for ＝ (and 约, with the text kept).
    pub eq: String,
    /// The sign for <.
    pub lt: String,
    /// The sign for ≤.
    pub le: String,
    /// The sign of a qualitative value (定性).
    pub qualitative: String,
}

/// The 指标方向 words of a system.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Directions {
    /// The word for a value to reach or exceed (≥, >).
    pub positive: String,
    /// The word for a value to stay under (≤, <).
    pub negative: String,
}

/// The lines in 指标解释 that hold what the table has no column for.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tags {
    /// 实施周期指标值, when it differs from the 年度指标值 the table's value cells hold.
    pub period: String,
    /// The tag of 指标值类型.
    pub value_type: String,
    /// The tag of 评(扣)分标准.
    pub standard: String,
    /// The tag of 备注.
    pub remark: String,
    /// 指标方向, written empty for an indicator of a form that states directions but not this
    /// one's (the table's 指标方向 cell then holds the one its sign implies).
    pub direction: String,
}

/// What a column of the department sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DepartmentField {
    /// 单位名称, the key the sheet's rows are matched to the table's by.
    UnitName,
    /// The form's title.
    Title,
    /// The year.
    Year,
    /// 部门职责.
    Duties,
    /// 财政供养人员数.
    StaffCount,
    /// 下属单位数.
    SubordinateUnits,
    /// 基本支出.
    BasicExpenditure,
    /// 项目支出.
    ProjectExpenditure,
    /// 其中：专项资金.
    SpecialFunds,
    /// 其他发展支出.
    OtherDevelopmentExpenditure,
    /// 财政拨款.
    FiscalAppropriation,
    /// 其他资金.
    OtherFunds,
    /// 市本级.
    MunicipalLevel,
    /// 转移支付下级.
    TransferToLowerLevel,
    /// 总体绩效目标, one per line.
    OverallGoals,
    /// 其他需完成的任务.
    OtherTasks,
    /// The unit the form states its money in (元 or 万元).
    FormUnit,
}

impl DepartmentField {
    /// The budget figure this column holds, if it is one.
    pub fn budget(self) -> Option<BudgetField> {
        Some(match self {
            DepartmentField::BasicExpenditure => BudgetField::BasicExpenditure,
            DepartmentField::ProjectExpenditure => BudgetField::ProjectExpenditure,
            DepartmentField::SpecialFunds => BudgetField::SpecialFunds,
            DepartmentField::OtherDevelopmentExpenditure => {
                BudgetField::OtherDevelopmentExpenditure
            }
            DepartmentField::FiscalAppropriation => BudgetField::FiscalAppropriation,
            DepartmentField::OtherFunds => BudgetField::OtherFunds,
            DepartmentField::MunicipalLevel => BudgetField::MunicipalLevel,
            DepartmentField::TransferToLowerLevel => BudgetField::TransferToLowerLevel,
            _ => return None,
        })
    }
}

/// What a column of the key-task sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskField {
    /// 单位名称, the key the sheet's rows are matched to the table's by.
    UnitName,
    /// 任务名称.
    Name,
    /// 主要实施内容.
    Content,
    /// 拟投入的资金.
    Funds,
    /// 预期达到的效果.
    ExpectedOutcome,
}

/// What a column of the project sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectSheetField {
    /// The key: 单位名称 as the indicator table writes it.
    UnitName,
    /// The key: 项目名称.
    ProjectName,
    /// The form's title.
    Title,
    /// The year.
    Year,
    /// 主管部门.
    Department,
    /// 实施单位.
    Unit,
    /// 项目属性.
    Attributes,
    /// 项目起止时间.
    Period,
    /// 资金总额.
    Total,
    /// 其中：财政拨款.
    Fiscal,
    /// 其他资金.
    Other,
    /// 上年结转.
    Carryover,
    /// The department's whole budget, when the form gives it.
    DepartmentTotal,
    /// The money block's further lines, one `label：amount` per line.
    Items,
    /// 总体目标.
    OverallGoals,
    /// 年度目标.
    AnnualGoals,
    /// What an indicator's 实施周期指标值 is when 指标解释 does not say it: `period_same` (the
    /// 年度指标值) or blank (none).
    PeriodDefault,
    /// `directions_stated` when the form states its indicators' 指标方向 (then the table's
    /// 指标方向 is the form's, even where the sign implies it).
    DirectionsStated,
    /// The unit the form states its money in (元 or 万元).
    FormUnit,
}

impl ProjectSheetField {
    /// The 项目资金 figure this column holds, if it is one.
    pub fn funds(self, funds: &crate::model::Funds) -> Option<Option<Decimal>> {
        Some(match self {
            ProjectSheetField::Total => funds.total,
            ProjectSheetField::Fiscal => funds.fiscal,
            ProjectSheetField::Other => funds.other,
            ProjectSheetField::Carryover => funds.carryover,
            ProjectSheetField::DepartmentTotal => funds.department_total,
            _ => return None,
        })
    }

    /// The 项目资金 figure this column holds, to set.
    pub fn funds_mut(self, funds: &mut crate::model::Funds) -> Option<&mut Option<Decimal>> {
        Some(match self {
            ProjectSheetField::Total => &mut funds.total,
            ProjectSheetField::Fiscal => &mut funds.fiscal,
            ProjectSheetField::Other => &mut funds.other,
            ProjectSheetField::Carryover => &mut funds.carryover,
            ProjectSheetField::DepartmentTotal => &mut funds.department_total,
            _ => return None,
        })
    }
}

/// The words of the project sheet's flag columns.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectWords {
    /// [`ProjectSheetField::PeriodDefault`]'s word for "the 年度指标值".
    pub period_same: String,
    /// [`ProjectSheetField::DirectionsStated`]'s word for "yes".
    pub directions_stated: String,
    /// Between a money line's label and its amount.
    pub item_separator: String,
}

/// One column of a side sheet: what it holds and its header text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldColumn<F> {
    /// What the column holds.
    pub field: F,
    /// The header text, verbatim.
    pub header: String,
}

/// A side sheet of the table (a department form's header or its tasks), one row per record.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideSheet<F> {
    /// The sheet's name.
    pub sheet: String,
    /// Its columns, left to right.
    pub columns: Vec<FieldColumn<F>>,
}

/// The project sheet: a [`SideSheet`] with the words of its flag columns.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectSheet {
    /// The sheet's name.
    pub sheet: String,
    /// Its columns, left to right.
    pub columns: Vec<FieldColumn<ProjectSheetField>>,
    /// The words of its flag columns.
    pub words: ProjectWords,
}

/// One province's flat table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The id `--profile` takes.
    pub id: String,
    /// What it is called, for people (the province's system).
    pub name: String,
    /// The name of the table's sheet.
    pub sheet: String,
    /// 元 or 万元.
    pub money_unit: String,
    /// A line above the header row (`金额单位:元`), or empty.
    pub unit_line: String,
    /// The table's columns, left to right.
    pub columns: Vec<Column>,
    /// Put before the verbatim text in 指标解释 (`原文：`).
    pub verbatim_prefix: String,
    /// Write 单位/项目/预算数/年度目标 once per project, merged down over its rows.
    #[serde(default)]
    pub merge_repeated: bool,
    /// Write the form's title in a first row across the table.
    #[serde(default)]
    pub title_row: bool,
    /// Write a department's total budget on a line of its own (单位名称 and 预算数) above its
    /// projects, when the form gives it.
    #[serde(default)]
    pub department_total_row: bool,
    /// The 计算符号 words.
    pub signs: Signs,
    /// The 指标方向 words.
    pub directions: Directions,
    /// The default profile's when left out.
    #[serde(default)]
    pub tags: Option<Tags>,
    /// A department form's header, budget and goals, one row per department; the default
    /// profile's when left out.
    #[serde(default)]
    pub department: Option<SideSheet<DepartmentField>>,
    /// A department form's 年度重点工作任务, one row per task; the default profile's when left out.
    #[serde(default)]
    pub tasks: Option<SideSheet<TaskField>>,
    /// A project form's header, funds and goals, one row per project; the default profile's
    /// when left out.
    #[serde(default)]
    pub project: Option<ProjectSheet>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Profiles {
    default: String,
    profile: Vec<Profile>,
}

static PROFILES: LazyLock<Profiles> = LazyLock::new(|| {
    let p: Profiles = crate::shipped::SYSTEM.read();
    let default = p.profile.iter().find(|x| x.id == p.default);
    assert!(
        default.is_some_and(|d| d.tags.is_some()
            && d.department.is_some()
            && d.tasks.is_some()
            && d.project.is_some()),
        "templates/system.toml: the default profile {:?} is not defined with tags, department, tasks and project",
        p.default
    );
    p
});

fn default_profile() -> &'static Profile {
    PROFILES
        .profile
        .iter()
        .find(|p| p.id == PROFILES.default)
        .unwrap_or(&PROFILES.profile[0])
}

impl Profile {
    /// The profile `id`, or the default one. An unknown id is an error listing the known ones.
    pub fn get(id: Option<&str>) -> std::result::Result<&'static Profile, String> {
        let id = id.unwrap_or(&PROFILES.default);
        PROFILES.profile.iter().find(|p| p.id == id).ok_or_else(|| {
            let known: Vec<&str> = PROFILES.profile.iter().map(|p| p.id.as_str()).collect();
            crate::t!(
                "write.unknown_profile",
                id = format!("{id:?}"),
                known = known.join(crate::i18n::text("version.separator"))
            )
        })
    }

    /// The ids of every profile, the default first.
    pub fn ids() -> Vec<&'static str> {
        let mut ids: Vec<&str> = vec![PROFILES.default.as_str()];
        ids.extend(
            PROFILES
                .profile
                .iter()
                .map(|p| p.id.as_str())
                .filter(|id| *id != PROFILES.default),
        );
        ids
    }

    /// Every profile (the reader knows each one's headers and words).
    pub fn all() -> &'static [Profile] {
        &PROFILES.profile
    }

    /// The 指标解释 tags, this profile's or the default's.
    pub fn tags(&self) -> &Tags {
        self.tags
            .as_ref()
            .or(default_profile().tags.as_ref())
            .unwrap_or_else(|| unreachable!("checked when the profiles load"))
    }

    /// The department sheet, this profile's or the default's.
    pub fn department_sheet(&self) -> &SideSheet<DepartmentField> {
        self.department
            .as_ref()
            .or(default_profile().department.as_ref())
            .unwrap_or_else(|| unreachable!("checked when the profiles load"))
    }

    /// The key-task sheet, this profile's or the default's.
    pub fn task_sheet(&self) -> &SideSheet<TaskField> {
        self.tasks
            .as_ref()
            .or(default_profile().tasks.as_ref())
            .unwrap_or_else(|| unreachable!("checked when the profiles load"))
    }

    /// The project sheet, this profile's or the default's.
    pub fn project_sheet(&self) -> &ProjectSheet {
        self.project
            .as_ref()
            .or(default_profile().project.as_ref())
            .unwrap_or_else(|| unreachable!("checked when the profiles load"))
    }

    fn sign(&self, op: Op) -> &str {
        match op {
            Op::Ge => &self.signs.ge,
            Op::Gt => &self.signs.gt,
            Op::Eq | Op::About => &self.signs.eq,
            Op::Lt => &self.signs.lt,
            Op::Le => &self.signs.le,
        }
    }

    fn direction(&self, op: Op) -> &str {
        match op {
            Op::Ge | Op::Gt => &self.directions.positive,
            Op::Lt | Op::Le => &self.directions.negative,
            Op::Eq | Op::About => "",
        }
    }
}

/// An amount with its unit, as a form states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    /// The amount, exact.
    pub amount: Decimal,
    /// 元 or 万元.
    pub unit: String,
}

impl Money {
    /// This amount in `unit` (元 or 万元), exactly: ×10000 from 万元 to 元, ÷10000 back (a
    /// decimal shift, so never rounded). `None` for a unit we do not convert.
    pub fn in_unit(&self, unit: &str) -> Option<Decimal> {
        let ten_thousand = Decimal::from(10_000);
        match (self.unit.as_str(), unit) {
            (a, b) if a == b => Some(self.amount),
            ("万元", "元") => {
                // The form's decimals kept (a product of zero loses them: 0.00 stays 0.00).
                let mut product = self.amount.checked_mul(ten_thousand)?;
                if product.scale() < self.amount.scale() {
                    product.rescale(self.amount.scale());
                }
                Some(product)
            }
            ("元", "万元") => {
                // The same digits four places down, then no fewer decimals than the amount
                // had: 2186025000.00 元 is 218602.50 万元, as the form wrote it before ×10000.
                let scale = self.amount.scale();
                let mut shifted = self.amount;
                shifted.set_scale(scale.checked_add(4)?).ok()?;
                let mut shown = shifted.normalize();
                if shown.scale() < scale {
                    shown.rescale(scale);
                }
                Some(shown)
            }
            _ => None,
        }
    }
}

/// One row of the flat table, before encoding.
#[derive(Debug, Clone, Default)]
pub struct SystemRow {
    /// 单位名称.
    pub unit_name: String,
    /// Blank for a department form.
    pub project_name: String,
    /// 预算数: the project's budget (the department's for a department form).
    pub budget: Option<Money>,
    /// The whole department's budget (the systems print it on a line of its own above the
    /// department's projects).
    pub department_total: Option<Money>,
    /// 年度目标 (a department form's 总体绩效目标).
    pub goal: String,
    /// 一级指标.
    pub level1: String,
    /// 二级指标.
    pub level2: String,
    /// 三级指标.
    pub name: String,
    /// The value to encode: 年度指标值.
    pub value: IndicatorValue,
    /// 分值 / 权重 as the form writes it.
    pub score: String,
    /// The form's own 指标解释.
    pub explanation: String,
    /// The form's own 指标方向, written instead of the one the value's sign implies.
    pub direction: Option<String>,
    /// Text the table has no column for, written into 指标解释 after the profile's tag: the
    /// 实施周期指标值 when it must be said (it differs from the 年度指标值), 指标值类型,
    /// 评(扣)分标准, 备注.
    pub period: Option<String>,
    /// 指标值类型.
    pub value_type: Option<String>,
    /// 评(扣)分标准.
    pub standard: Option<String>,
    /// 备注.
    pub remark: Option<String>,
    /// Write the 指标方向 tag empty: the form states no direction for this indicator.
    pub direction_unstated: bool,
}

impl SystemRow {
    /// The indicator's own cells; `period_said` says whether its 实施周期指标值 must be written.
    fn of_indicator(i: &Indicator, period_said: bool) -> SystemRow {
        SystemRow {
            level1: i.level1.clone(),
            level2: i.level2.clone(),
            name: i.name.clone(),
            value: i.annual_value.clone(),
            score: i.weight.map(|w| w.to_string()).unwrap_or_default(),
            explanation: i.explanation.clone().unwrap_or_default(),
            direction: i.direction.clone(),
            period: period_said.then(|| i.period_value.text.clone()),
            value_type: i.value_type.clone(),
            standard: i.standard.clone(),
            remark: i.remark.clone(),
            ..SystemRow::default()
        }
    }
}

/// A value in the system's three cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    /// 计算符号.
    pub sign: String,
    /// 指标值.
    pub value: String,
    /// 计量单位.
    pub unit: String,
    /// 指标方向, from the sign (blank for ＝ and a qualitative value).
    pub direction: String,
    /// The verbatim text, when the three cells do not hold the value exactly.
    pub verbatim: Option<String>,
}

/// `value` in `profile`'s cells: comparisons as sign | number | unit; `约` as ＝ with the text kept;
/// a range as ≥ its minimum, a deadline as ≤ its date, both with the text kept; anything
/// qualitative (and periods, 不适用) as 定性 with the words in 指标值.
pub fn encode(value: &IndicatorValue, profile: &Profile) -> Encoded {
    let qualitative = |text: &str| Encoded {
        sign: profile.signs.qualitative.clone(),
        value: text.to_string(),
        unit: String::new(),
        direction: String::new(),
        verbatim: None,
    };
    match &value.kind {
        ValueKind::Empty => Encoded {
            sign: String::new(),
            value: String::new(),
            unit: String::new(),
            direction: String::new(),
            verbatim: None,
        },
        ValueKind::Comparison(c) => {
            let exact = c.op != Op::About && c.note.is_none() && c.reference.is_none();
            let (sign, number) = (profile.sign(c.op).to_string(), c.value.to_string());
            // The reader composes the three cells back (`＞ | 92 | %` → `＞92%`): when that is not
            // the text as written (`>92%`), the text goes to 指标解释 too, so nothing is lost.
            let composes_back = crate::value::compose_split(&sign, &number, &c.unit) == value.text;
            Encoded {
                direction: profile.direction(c.op).to_string(),
                verbatim: (!exact || !composes_back).then(|| value.text.clone()),
                sign,
                value: number,
                unit: c.unit.clone(),
            }
        }
        ValueKind::Range(r) => Encoded {
            sign: profile.sign(Op::Ge).to_string(),
            value: r.min.to_string(),
            unit: r.unit.clone(),
            direction: profile.direction(Op::Ge).to_string(),
            verbatim: Some(value.text.clone()),
        },
        ValueKind::Deadline(d) => Encoded {
            sign: profile.sign(Op::Le).to_string(),
            value: d.date.clone(),
            unit: "日期".to_string(),
            direction: profile.direction(Op::Le).to_string(),
            verbatim: Some(value.text.clone()),
        },
        ValueKind::Period(_) | ValueKind::Qualitative(_) | ValueKind::NotApplicable => {
            qualitative(&value.text)
        }
    }
}

/// The rows of a department form: one per indicator, 单位名称 the department, 项目名称 blank,
/// 年度指标值 as the value (a different 实施周期指标值 — blank included — kept in 指标解释: the
/// reader takes a department's 实施周期指标值 as its 年度指标值 otherwise), the department's
/// budget (财政拨款 + 其他资金) and its goals beside each row. The rest of the form goes on the
/// department sheets ([`department_system_xlsx`]).
pub fn department_rows(form: &Form) -> Vec<SystemRow> {
    let income = [form.budget.fiscal_appropriation, form.budget.other_funds];
    let budget = if income.iter().any(Option::is_some) {
        Some(Money {
            amount: income.iter().flatten().sum(),
            unit: form.budget.unit.clone(),
        })
    } else {
        None
    };
    let goal = form.overall_goals.join("\n");
    form.indicators
        .iter()
        .map(|i| SystemRow {
            unit_name: form.department.clone(),
            budget: budget.clone(),
            goal: goal.clone(),
            ..SystemRow::of_indicator(i, i.period_value.text != i.annual_value.text)
        })
        .collect()
}

/// Whether a project form's 实施周期指标值 is mostly its 年度指标值 (then only the others are
/// said in 指标解释) rather than mostly blank (then only the filled ones are).
pub fn period_mostly_same(form: &ProjectForm) -> bool {
    let same = form
        .indicators
        .iter()
        .filter(|i| i.period_value.text == i.annual_value.text)
        .count();
    let blank = form
        .indicators
        .iter()
        .filter(|i| i.period_value.text.is_empty())
        .count();
    same > blank
}

/// Whether a project form states some indicator's 指标方向 (the systems' exports state every
/// one): then the table's 指标方向 cells are the form's, not implied by the sign.
pub fn directions_stated(form: &ProjectForm) -> bool {
    form.indicators.iter().any(|i| i.direction.is_some())
}

/// The rows of a project form: one per indicator, 单位名称 the 主管部门 (the 实施单位 when blank:
/// the systems' 单位 is the budget unit), 项目名称, the project's total funds and 年度目标 beside
/// each row, 分值 and 指标解释 from the indicator. A 实施周期指标值 is said in 指标解释 where it
/// is not what the project sheet says it mostly is ([`period_mostly_same`]). The rest of the
/// form goes on the project sheet.
pub fn project_rows(form: &ProjectForm) -> Vec<SystemRow> {
    let unit_name = project_unit_name(form);
    let department_total = form.funds.department_total.map(|amount| Money {
        amount,
        unit: form.funds.unit.clone(),
    });
    let budget = form.funds.total.map(|amount| Money {
        amount,
        unit: form.funds.unit.clone(),
    });
    let goal = form.goals.annual.join("\n");
    let same = period_mostly_same(form);
    let stated = directions_stated(form);
    form.indicators
        .iter()
        .map(|i| {
            let period_said = if same {
                i.period_value.text != i.annual_value.text
            } else {
                !i.period_value.text.is_empty()
            };
            SystemRow {
                unit_name: unit_name.clone(),
                project_name: form.project.name.clone(),
                department_total: department_total.clone(),
                budget: budget.clone(),
                goal: goal.clone(),
                direction_unstated: stated && i.direction.is_none(),
                ..SystemRow::of_indicator(i, period_said)
            }
        })
        .collect()
}

/// 单位名称 of a project's rows: its 主管部门, or its 实施单位 when that is blank.
pub fn project_unit_name(form: &ProjectForm) -> String {
    if form.project.department.is_empty() {
        form.project.unit.clone()
    } else {
        form.project.department.clone()
    }
}

/// What one cell of the table shows.
enum Cell {
    Text(String),
    Money(Decimal),
}

/// The cells of `row` in `profile`'s columns.
fn cells(row: &SystemRow, profile: &Profile) -> Result<Vec<Cell>> {
    let encoded = encode(&row.value, profile);
    let mut explanation: Vec<String> = Vec::new();
    if !row.explanation.is_empty() {
        explanation.push(row.explanation.clone());
    }
    if let Some(text) = &encoded.verbatim {
        explanation.push(format!("{}{text}", profile.verbatim_prefix));
    }
    let tags = profile.tags();
    for (tag, text) in [
        (&tags.period, &row.period),
        (&tags.value_type, &row.value_type),
        (&tags.standard, &row.standard),
        (&tags.remark, &row.remark),
    ] {
        if let Some(text) = text {
            explanation.push(format!("{tag}{text}"));
        }
    }
    // Only where the table's cell would otherwise claim a direction the form does not state.
    if row.direction_unstated && row.direction.is_none() && !encoded.direction.is_empty() {
        explanation.push(tags.direction.clone());
    }
    let direction = row.direction.clone().unwrap_or(encoded.direction.clone());
    profile
        .columns
        .iter()
        .map(|c| {
            Ok(match c.field {
                ColumnField::UnitName => Cell::Text(row.unit_name.clone()),
                ColumnField::ProjectName => Cell::Text(row.project_name.clone()),
                ColumnField::Budget => match &row.budget {
                    None => Cell::Text(String::new()),
                    Some(m) => Cell::Money(m.in_unit(&profile.money_unit).ok_or_else(|| {
                        workbook_error(crate::t!(
                            "write.unit_not_convertible",
                            name = row.project_name,
                            unit = m.unit,
                            target = profile.money_unit
                        ))
                    })?),
                },
                ColumnField::Goal => Cell::Text(row.goal.clone()),
                ColumnField::Level1 => Cell::Text(row.level1.clone()),
                ColumnField::Level2 => Cell::Text(row.level2.clone()),
                ColumnField::Name => Cell::Text(row.name.clone()),
                ColumnField::Sign => Cell::Text(encoded.sign.clone()),
                ColumnField::Value => Cell::Text(encoded.value.clone()),
                ColumnField::Unit => Cell::Text(encoded.unit.clone()),
                ColumnField::Score => Cell::Text(row.score.clone()),
                ColumnField::Direction => Cell::Text(direction.clone()),
                ColumnField::Explanation => Cell::Text(explanation.join("\n")),
            })
        })
        .collect()
}

/// Widest a column of the flat table grows, points; longer text wraps.
const MAX_COLUMN_POINTS: f64 = 180.0;
const MIN_COLUMN_POINTS: f64 = 36.0;

/// The flat table of `rows` in `profile` as xlsx bytes: an optional unit line, the header row
/// (repeated on printed pages), one row per indicator; A4 landscape, one page wide.
pub fn system_xlsx(rows: &[SystemRow], profile: &Profile, title: &str) -> Result<Vec<u8>> {
    system_workbook(rows, &[], &[], profile, title)
}

/// The flat table of `rows`, and, when `departments` holds department forms, the two sheets of
/// what their indicator rows cannot carry: the department sheet (header, budget, goals; one
/// row per department) and the key-task sheet (one row per task), keyed by 单位名称; when
/// `projects` holds project forms, the project sheet (header, funds, goals; one row per
/// project), keyed by 单位名称 and 项目名称.
pub fn system_workbook(
    rows: &[SystemRow],
    departments: &[&Form],
    projects: &[&ProjectForm],
    profile: &Profile,
    title: &str,
) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(profile.sheet.as_str()).map_err(xlsx_error)?;
    let base = bordered_body();
    let header = base.clone().set_bold().set_align(FormatAlign::Center);
    let text = base.clone();
    let centered = base.clone().set_align(FormatAlign::Center);
    let money = base
        .clone()
        .set_align(FormatAlign::Right)
        .set_num_format("#,##0.00");

    let table: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| cells(r, profile))
        .collect::<Result<_>>()?;
    let shown = |c: &Cell| match c {
        Cell::Text(t) => t.clone(),
        Cell::Money(d) => crate::number::group_thousands(&d.to_string()),
    };
    // Widths from the widest line of each column (header bold), inside the limits.
    let widths: Vec<f64> = profile
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let widest = table
                .iter()
                .map(|r| widest_line(&shown(&r[i]), BODY_SIZE))
                .fold(widest_line(&c.header, BODY_SIZE) * 1.06, f64::max);
            (widest + CELL_PADDING_H).clamp(MIN_COLUMN_POINTS, MAX_COLUMN_POINTS)
        })
        .collect();
    for (col, w) in widths.iter().enumerate() {
        sheet
            .set_column_width_pixels(col as u16, (w * 4.0 / 3.0).round() as u32)
            .map_err(xlsx_error)?;
    }
    let height = |texts: &mut dyn Iterator<Item = (String, f64)>| {
        let lines = texts
            .map(|(t, w)| line_count(&t, w - CELL_PADDING_H, BODY_SIZE))
            .max()
            .unwrap_or(1);
        (lines as f64 * BODY_SIZE * LINE_HEIGHT + CELL_PADDING_V)
            .clamp(MIN_ROW_HEIGHT, MAX_ROW_HEIGHT)
            .ceil()
    };

    let mut row = 0u32;
    let last_col = profile.columns.len().saturating_sub(1) as u16;
    if profile.title_row && !title.is_empty() {
        let title_format = Format::new()
            .set_font_name(super::style::TITLE_FONT)
            .set_font_charset(134)
            .set_font_size(super::style::TITLE_SIZE)
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter);
        if last_col > 0 {
            sheet
                .merge_range(row, 0, row, last_col, title, &title_format)
                .map_err(xlsx_error)?;
        } else {
            sheet
                .write_string_with_format(row, 0, title, &title_format)
                .map_err(xlsx_error)?;
        }
        sheet.set_row_height(row, 30).map_err(xlsx_error)?;
        row += 1;
    }
    if !profile.unit_line.is_empty() {
        sheet
            .write_string(row, 0, profile.unit_line.as_str())
            .map_err(xlsx_error)?;
        row += 1;
    }
    let header_row = row;
    for (col, c) in profile.columns.iter().enumerate() {
        sheet
            .write_string_with_format(row, col as u16, c.header.as_str(), &header)
            .map_err(xlsx_error)?;
    }
    let h = height(
        &mut profile
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| (c.header.clone(), w / 1.06)),
    );
    sheet.set_row_height(row, h).map_err(xlsx_error)?;
    row += 1;
    // The department's own line above its projects, when the profile has one.
    let department_line = rows.first().and_then(|r| {
        let total = r.department_total.as_ref()?;
        profile
            .department_total_row
            .then_some((r.unit_name.as_str(), total))
    });
    if let Some((unit_name, total)) = department_line {
        for (col, c) in profile.columns.iter().enumerate() {
            let c_ = col as u16;
            match c.field {
                ColumnField::UnitName => sheet
                    .write_string_with_format(row, c_, unit_name, &text)
                    .map(|_| ()),
                ColumnField::Budget => {
                    let amount = total.in_unit(&profile.money_unit).ok_or_else(|| {
                        workbook_error(crate::t!(
                            "write.unit_not_convertible",
                            name = unit_name,
                            unit = total.unit,
                            target = profile.money_unit
                        ))
                    })?;
                    write_money(sheet, row, c_, &amount, &money)
                }
                _ => sheet.write_blank(row, c_, &text).map(|_| ()),
            }
            .map_err(xlsx_error)?;
        }
        sheet
            .set_row_height(row, MIN_ROW_HEIGHT)
            .map_err(xlsx_error)?;
        row += 1;
    }
    // Consecutive rows of one project: with `merge_repeated`, its 单位/项目/预算数/年度目标 are
    // written once, merged down over its rows, as the systems export them.
    let first_data_row = row;
    let mut group_end = vec![0usize; rows.len()];
    let mut start = 0;
    while start < rows.len() {
        let mut end = start + 1;
        while end < rows.len()
            && rows[end].unit_name == rows[start].unit_name
            && rows[end].project_name == rows[start].project_name
        {
            end += 1;
        }
        for g in &mut group_end[start..end] {
            *g = end - 1;
        }
        start = end;
    }
    let merged = |col: usize| {
        profile.merge_repeated
            && matches!(
                profile.columns[col].field,
                ColumnField::UnitName
                    | ColumnField::ProjectName
                    | ColumnField::Budget
                    | ColumnField::Goal
            )
    };
    for (i, cells) in table.iter().enumerate() {
        let group_start = i == 0 || group_end[i - 1] != group_end[i];
        for (col, cell) in cells.iter().enumerate() {
            let c = col as u16;
            if merged(col) && !group_start {
                continue;
            }
            let format = match (cell, profile.columns[col].field) {
                (Cell::Money(_), _) => &money,
                // Short dictionary cells centred, text left.
                (
                    _,
                    ColumnField::Sign
                    | ColumnField::Unit
                    | ColumnField::Score
                    | ColumnField::Direction,
                ) => &centered,
                _ => &text,
            };
            let last = first_data_row + group_end[i] as u32;
            if merged(col) && last > row {
                sheet
                    .merge_range(row, c, last, c, "", format)
                    .map_err(xlsx_error)?;
            }
            match cell {
                Cell::Text(t) if t.is_empty() => {
                    sheet.write_blank(row, c, format).map_err(xlsx_error)?;
                }
                Cell::Text(t) => {
                    sheet
                        .write_string_with_format(row, c, t, format)
                        .map_err(xlsx_error)?;
                }
                Cell::Money(d) => {
                    write_money(sheet, row, c, d, format).map_err(xlsx_error)?;
                }
            }
        }
        // A merged text spreads over its rows; the row's own cells set its height.
        let h = height(
            &mut cells
                .iter()
                .zip(&widths)
                .enumerate()
                .filter(|(col, _)| !merged(*col))
                .map(|(_, (c, w))| (shown(c), *w)),
        );
        sheet.set_row_height(row, h).map_err(xlsx_error)?;
        row += 1;
    }

    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet
        .set_repeat_rows(header_row, header_row)
        .map_err(xlsx_error)?;
    sheet.set_footer("&C第 &P 页 共 &N 页");
    if !departments.is_empty() {
        let sheet = profile.department_sheet();
        let table: Vec<Vec<SideCell>> = departments
            .iter()
            .map(|form| department_cells(form, sheet, profile))
            .collect::<Result<_>>()?;
        let headers: Vec<&str> = sheet.columns.iter().map(|c| c.header.as_str()).collect();
        side_sheet(&mut workbook, &sheet.sheet, profile, &headers, &table)?;
        let tasks = profile.task_sheet();
        let table: Vec<Vec<SideCell>> = departments
            .iter()
            .flat_map(|form| form.key_tasks.iter().map(move |t| (*form, t)))
            .map(|(form, task)| task_cells(form, task, tasks, profile))
            .collect::<Result<_>>()?;
        let headers: Vec<&str> = tasks.columns.iter().map(|c| c.header.as_str()).collect();
        side_sheet(&mut workbook, &tasks.sheet, profile, &headers, &table)?;
    }
    if !projects.is_empty() {
        let sheet = profile.project_sheet();
        let table: Vec<Vec<SideCell>> = projects
            .iter()
            .map(|form| project_cells(form, sheet, profile))
            .collect::<Result<_>>()?;
        let headers: Vec<&str> = sheet.columns.iter().map(|c| c.header.as_str()).collect();
        side_sheet(&mut workbook, &sheet.sheet, profile, &headers, &table)?;
    }
    workbook.set_properties(&properties(
        title,
        SYSTEM_ID,
        &[(PROPERTY_PROFILE, profile.id.clone())],
    ));
    workbook.save_to_buffer().map_err(xlsx_error)
}

/// A department form as the flat table, with its department and key-task sheets.
pub fn department_system_xlsx(form: &Form, profile: &Profile) -> Result<Vec<u8>> {
    system_workbook(&department_rows(form), &[form], &[], profile, &form.title)
}

/// A project form as the flat table, with its project sheet.
pub fn project_system_xlsx(form: &ProjectForm, profile: &Profile) -> Result<Vec<u8>> {
    let title = super::project::printed_title(form);
    system_workbook(&project_rows(form), &[], &[form], profile, &title)
}

/// A cell of a side sheet.
enum SideCell {
    Text(String),
    /// Money in the profile's unit, shown with its own decimals (so it reads back exactly).
    Money(Decimal),
    Count(u64),
}

/// `amount` (in the form's `unit`) in the profile's money unit, exactly.
fn money_cell(
    amount: Option<Decimal>,
    unit: &str,
    profile: &Profile,
    who: &str,
) -> Result<SideCell> {
    let Some(amount) = amount else {
        return Ok(SideCell::Text(String::new()));
    };
    let money = Money {
        amount,
        unit: unit.to_string(),
    };
    money
        .in_unit(&profile.money_unit)
        .map(SideCell::Money)
        .ok_or_else(|| {
            workbook_error(crate::t!(
                "write.unit_not_convertible",
                name = who,
                unit = unit,
                target = profile.money_unit
            ))
        })
}

fn department_cells(
    form: &Form,
    sheet: &SideSheet<DepartmentField>,
    profile: &Profile,
) -> Result<Vec<SideCell>> {
    let unit = form.budget.unit.as_str();
    sheet
        .columns
        .iter()
        .map(|c| {
            Ok(match c.field {
                DepartmentField::UnitName => SideCell::Text(form.department.clone()),
                DepartmentField::Title => SideCell::Text(form.title.clone()),
                DepartmentField::Year => form
                    .year
                    .map_or(SideCell::Text(String::new()), |y| SideCell::Count(y.into())),
                DepartmentField::Duties => SideCell::Text(form.duties.clone()),
                DepartmentField::StaffCount => form
                    .basic_info
                    .staff_count
                    .map_or(SideCell::Text(String::new()), SideCell::Count),
                DepartmentField::SubordinateUnits => form
                    .basic_info
                    .subordinate_units
                    .map_or(SideCell::Text(String::new()), SideCell::Count),
                DepartmentField::OverallGoals => SideCell::Text(form.overall_goals.join("\n")),
                DepartmentField::OtherTasks => SideCell::Text(form.other_tasks.clone()),
                DepartmentField::FormUnit => SideCell::Text(form.budget.unit.clone()),
                field => match field.budget() {
                    Some(b) => money_cell(form.budget.get(b), unit, profile, &form.department)?,
                    None => SideCell::Text(String::new()),
                },
            })
        })
        .collect()
}

fn project_cells(
    form: &ProjectForm,
    sheet: &ProjectSheet,
    profile: &Profile,
) -> Result<Vec<SideCell>> {
    let unit = form.funds.unit.as_str();
    let who = form.project.name.as_str();
    let text = |t: &str| SideCell::Text(t.to_string());
    sheet
        .columns
        .iter()
        .map(|c| {
            Ok(match c.field {
                ProjectSheetField::UnitName => SideCell::Text(project_unit_name(form)),
                ProjectSheetField::ProjectName => text(&form.project.name),
                ProjectSheetField::Title => text(&form.title),
                ProjectSheetField::Year => {
                    form.year.map_or(text(""), |y| SideCell::Count(y.into()))
                }
                ProjectSheetField::Department => text(&form.project.department),
                ProjectSheetField::Unit => text(&form.project.unit),
                ProjectSheetField::Attributes => text(&form.project.attributes),
                ProjectSheetField::Period => text(&form.project.period),
                ProjectSheetField::Items => {
                    let lines: Vec<String> = form
                        .funds
                        .items
                        .iter()
                        .map(|item| {
                            let amount = match money_cell(item.amount, unit, profile, who)? {
                                SideCell::Money(d) => d.to_string(),
                                _ => String::new(),
                            };
                            Ok(format!(
                                "{}{}{amount}",
                                item.label, sheet.words.item_separator
                            ))
                        })
                        .collect::<Result<_>>()?;
                    SideCell::Text(lines.join("\n"))
                }
                ProjectSheetField::OverallGoals => SideCell::Text(form.goals.overall.join("\n")),
                ProjectSheetField::AnnualGoals => SideCell::Text(form.goals.annual.join("\n")),
                ProjectSheetField::PeriodDefault => match period_mostly_same(form) {
                    true => text(&sheet.words.period_same),
                    false => text(""),
                },
                ProjectSheetField::DirectionsStated => match directions_stated(form) {
                    true => text(&sheet.words.directions_stated),
                    false => text(""),
                },
                ProjectSheetField::FormUnit => text(unit),
                field => match field.funds(&form.funds) {
                    Some(amount) => money_cell(amount, unit, profile, who)?,
                    None => text(""),
                },
            })
        })
        .collect()
}

fn task_cells(
    form: &Form,
    task: &KeyTask,
    sheet: &SideSheet<TaskField>,
    profile: &Profile,
) -> Result<Vec<SideCell>> {
    sheet
        .columns
        .iter()
        .map(|c| {
            Ok(match c.field {
                TaskField::UnitName => SideCell::Text(form.department.clone()),
                TaskField::Name => SideCell::Text(task.name.clone()),
                TaskField::Content => SideCell::Text(task.content.clone()),
                TaskField::Funds => {
                    money_cell(task.funds, &form.budget.unit, profile, &form.department)?
                }
                TaskField::ExpectedOutcome => SideCell::Text(task.expected_outcome.clone()),
            })
        })
        .collect()
}

/// A side sheet: 金额单位 line, header row (repeated on printed pages), one row per record;
/// widths and heights measured like the flat table's; A4 landscape, one page wide.
fn side_sheet(
    workbook: &mut Workbook,
    name: &str,
    profile: &Profile,
    headers: &[&str],
    table: &[Vec<SideCell>],
) -> Result<()> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name).map_err(xlsx_error)?;
    let base = bordered_body();
    let header = base.clone().set_bold().set_align(FormatAlign::Center);
    let shown = |c: &SideCell| match c {
        SideCell::Text(t) => t.clone(),
        SideCell::Money(d) => crate::number::group_thousands(&d.to_string()),
        SideCell::Count(n) => n.to_string(),
    };
    let widths: Vec<f64> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let widest = table
                .iter()
                .map(|r| widest_line(&shown(&r[i]), BODY_SIZE))
                .fold(widest_line(h, BODY_SIZE) * 1.06, f64::max);
            (widest + CELL_PADDING_H).clamp(MIN_COLUMN_POINTS, MAX_COLUMN_POINTS)
        })
        .collect();
    for (col, w) in widths.iter().enumerate() {
        sheet
            .set_column_width_pixels(col as u16, (w * 4.0 / 3.0).round() as u32)
            .map_err(xlsx_error)?;
    }
    let height = |texts: Vec<(String, f64)>| {
        let lines = texts
            .iter()
            .map(|(t, w)| line_count(t, w - CELL_PADDING_H, BODY_SIZE))
            .max()
            .unwrap_or(1);
        (lines as f64 * BODY_SIZE * LINE_HEIGHT + CELL_PADDING_V)
            .clamp(MIN_ROW_HEIGHT, MAX_ROW_HEIGHT)
            .ceil()
    };
    sheet
        .write_string(0, 0, format!("金额单位:{}", profile.money_unit))
        .map_err(xlsx_error)?;
    for (col, h) in headers.iter().enumerate() {
        sheet
            .write_string_with_format(1, col as u16, *h, &header)
            .map_err(xlsx_error)?;
    }
    let h = height(
        headers
            .iter()
            .zip(&widths)
            .map(|(t, w)| (t.to_string(), w / 1.06))
            .collect(),
    );
    sheet.set_row_height(1, h).map_err(xlsx_error)?;
    for (i, cells) in table.iter().enumerate() {
        let row = 2 + i as u32;
        for (col, cell) in cells.iter().enumerate() {
            let c = col as u16;
            match cell {
                SideCell::Text(t) if t.is_empty() => {
                    sheet.write_blank(row, c, &base).map_err(xlsx_error)?;
                }
                SideCell::Text(t) => {
                    sheet
                        .write_string_with_format(row, c, t, &base)
                        .map_err(xlsx_error)?;
                }
                SideCell::Money(d) => {
                    let format = base
                        .clone()
                        .set_align(FormatAlign::Right)
                        .set_num_format(super::style::money_format(d.scale()));
                    write_money(sheet, row, c, d, &format).map_err(xlsx_error)?;
                }
                SideCell::Count(n) => {
                    let format = base
                        .clone()
                        .set_align(FormatAlign::Center)
                        .set_num_format("0");
                    sheet
                        .write_number_with_format(row, c, *n as f64, &format)
                        .map_err(xlsx_error)?;
                }
            }
        }
        let h = height(
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| (shown(c), *w))
                .collect(),
        );
        sheet.set_row_height(row, h).map_err(xlsx_error)?;
    }
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(1, 1).map_err(xlsx_error)?;
    sheet.set_footer("&C第 &P 页 共 &N 页");
    Ok(())
}

/// Writes `amount` as a number when an xlsx number carries it exactly, else as its text (which
/// reads back exactly): the same rule as the canonical writer, so no amount is rounded silently.
fn write_money(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    amount: &Decimal,
    format: &Format,
) -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
    if super::xlsx::money_fits_a_number(amount) {
        let number = amount.to_string().parse::<f64>().unwrap_or(f64::NAN);
        sheet.write_number_with_format(row, col, number, format)?;
    } else {
        sheet.write_string_with_format(row, col, amount.to_string(), format)?;
    }
    Ok(())
}

/// The body text every sheet of the table uses: 宋体 (GB2312 charset), wrapped, thin borders.
fn bordered_body() -> Format {
    Format::new()
        .set_font_name(BODY_FONT)
        .set_font_charset(134)
        .set_font_size(BODY_SIZE)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
}

#[cfg(test)]
#[path = "system_tests.rs"]
mod tests;
