//! 绩效自评表: the JSON contract `jixiao/self-evaluation@1`, for a project or a whole
//! department ([`Subject`]).
//!
//! Read here; scored elsewhere (the score module). Money keeps the unit the form states.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::decimal::opt_decimal;
use crate::value::IndicatorValue;

/// The `format` tag of the self-evaluation's JSON contract.
pub const SELF_EVALUATION_FORMAT: &str = "jixiao/self-evaluation@1";

/// The self-evaluation's canonical title.
pub const SELF_EVALUATION_TITLE: &str = "项目支出绩效自评表";

/// What is evaluated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Subject {
    /// 项目支出绩效自评表.
    #[default]
    Project,
    /// 部门整体支出绩效自评表.
    Department,
}

/// One 绩效自评表.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfEvaluation {
    /// Always [`SELF_EVALUATION_FORMAT`].
    pub format: String,
    /// The title as the form prints it.
    pub title: String,
    /// The budget year evaluated, when the form says (`(2022年度)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    /// A project's or a department's evaluation.
    pub subject: Subject,
    /// 项目名称 (or the department's name for a 部门整体 evaluation).
    pub name: String,
    /// 主管部门.
    pub department: String,
    /// 实施单位.
    pub unit: String,
    /// 项目资金 / 预算执行情况.
    pub budget_execution: BudgetExecution,
    /// 年度总体目标完成情况.
    pub goals: EvaluationGoals,
    /// 年度绩效指标完成情况, in the form's row order.
    #[serde(deserialize_with = "crate::model::given::indicators")]
    pub indicators: Vec<EvaluatedIndicator>,
    /// 总分 as the form states it.
    #[serde(with = "opt_decimal")]
    pub total_score: Option<Decimal>,
    /// 评价结论 / 自评结论, verbatim.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub conclusion: String,
}

impl Default for SelfEvaluation {
    fn default() -> Self {
        SelfEvaluation {
            format: SELF_EVALUATION_FORMAT.to_string(),
            title: SELF_EVALUATION_TITLE.to_string(),
            year: None,
            subject: Subject::Project,
            name: String::new(),
            department: String::new(),
            unit: String::new(),
            budget_execution: BudgetExecution::default(),
            goals: EvaluationGoals::default(),
            indicators: Vec::new(),
            total_score: None,
            conclusion: String::new(),
        }
    }
}

/// The budget-execution block: its total line (年度资金总额) in the fields, the lines below it
/// (其中:财政拨款, 上年结转资金, 其他资金) in `rows`. Amounts in `unit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetExecution {
    /// The unit the form states (`"万元"` by default).
    pub unit: String,
    /// 年初预算数.
    #[serde(with = "opt_decimal")]
    pub initial: Option<Decimal>,
    /// 全年预算数 / 调整后预算数 (A).
    #[serde(with = "opt_decimal")]
    pub adjusted: Option<Decimal>,
    /// 全年执行数 / 预算执行数 (B).
    #[serde(with = "opt_decimal")]
    pub executed: Option<Decimal>,
    /// 分值 of the execution rate.
    #[serde(with = "opt_decimal")]
    pub weight: Option<Decimal>,
    /// 执行率 (B/A) as stated, in percent (`100%` → `"100"`).
    #[serde(with = "opt_decimal")]
    pub rate: Option<Decimal>,
    /// 得分 as stated.
    #[serde(with = "opt_decimal")]
    pub score: Option<Decimal>,
    /// The lines under the total.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<ExecutionRow>,
}

impl Default for BudgetExecution {
    fn default() -> Self {
        BudgetExecution {
            unit: "万元".to_string(),
            initial: None,
            adjusted: None,
            executed: None,
            weight: None,
            rate: None,
            score: None,
            rows: Vec::new(),
        }
    }
}

/// One line under the execution total: its label verbatim and its figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExecutionRow {
    /// `其中:本年财政拨款`, `上年结转资金`, `其他资金` — trimmed, otherwise verbatim.
    pub label: String,
    /// 年初预算数.
    #[serde(with = "opt_decimal")]
    pub initial: Option<Decimal>,
    /// 全年预算数.
    #[serde(with = "opt_decimal")]
    pub adjusted: Option<Decimal>,
    /// 全年执行数.
    #[serde(with = "opt_decimal")]
    pub executed: Option<Decimal>,
}

/// 预期目标 and 实际完成情况: one item per paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationGoals {
    /// 预期目标 / 年初设定目标.
    pub planned: Vec<String>,
    /// 实际完成情况 / 全年实际完成情况.
    pub achieved: Vec<String>,
}

/// One row of 年度绩效指标完成情况.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluatedIndicator {
    /// 一级指标, as the form names it (annotations such as "(50分)" stripped).
    pub level1: String,
    /// 二级指标.
    pub level2: String,
    /// 三级指标, verbatim (with the template's `指标1:` prefix when the form has it).
    pub name: String,
    /// 分值 / 权重.
    #[serde(with = "opt_decimal")]
    pub weight: Option<Decimal>,
    /// 实施周期指标值, when the form has it (most self-evaluations do not: empty).
    #[serde(deserialize_with = "crate::model::given::period_value")]
    pub period_value: IndicatorValue,
    /// 年度指标值 / 年初目标值.
    #[serde(deserialize_with = "crate::model::given::annual_value")]
    pub annual_value: IndicatorValue,
    /// 实际完成值 / 全年实际值.
    pub actual_value: IndicatorValue,
    /// 得分.
    #[serde(with = "opt_decimal")]
    pub score: Option<Decimal>,
    /// 偏差原因分析及改进措施, verbatim.
    pub deviation: String,
    /// 备注, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
}
