//! 项目支出绩效目标申报表: the JSON contract `jixiao/project-form@1`.
//!
//! One project: who runs it, its money (in the unit the form states: `"元"` stays `"元"`),
//! its goals and the indicator table shared by the whole family ([`Indicator`]).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Indicator;
use crate::decimal::opt_decimal;

/// The `format` tag of the project form's JSON contract.
pub const PROJECT_FORMAT: &str = "jixiao/project-form@1";

/// The project form's canonical title.
pub const PROJECT_TITLE: &str = "项目支出绩效目标申报表";

/// One 项目支出绩效目标申报表 (or one project of the budget system's flat export).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectForm {
    /// Always [`PROJECT_FORMAT`].
    pub format: String,
    /// The title as the form prints it.
    pub title: String,
    /// The budget year, when the form says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    /// 项目名称, 主管部门, 实施单位 …
    pub project: ProjectInfo,
    /// 项目资金.
    pub funds: Funds,
    /// 总体目标 / 年度目标.
    pub goals: ProjectGoals,
    /// 绩效指标, in the form's row order (both tables, when the form has 长期 and 年度 ones).
    #[serde(deserialize_with = "crate::model::given::indicators")]
    pub indicators: Vec<Indicator>,
}

impl Default for ProjectForm {
    fn default() -> Self {
        ProjectForm {
            format: PROJECT_FORMAT.to_string(),
            title: PROJECT_TITLE.to_string(),
            year: None,
            project: ProjectInfo::default(),
            funds: Funds::default(),
            goals: ProjectGoals::default(),
            indicators: Vec::new(),
        }
    }
}

/// Who runs the project, and what kind of project it is. Text verbatim; `""` when the form
/// leaves it blank.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectInfo {
    /// 项目名称.
    pub name: String,
    /// 主管部门 / 预算部门 / 单位名称 of the export.
    pub department: String,
    /// 实施单位.
    pub unit: String,
    /// 项目属性 / 项目类别 / 项目性质 (新增/延续, 一次性/阶段性), as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub attributes: String,
    /// 项目起止时间 / 项目支出实施期, as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub period: String,
}

/// 项目资金, in [`Funds::unit`]. A blank figure is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Funds {
    /// The unit the form states: `"万元"` (the default when it says nothing) or `"元"`.
    pub unit: String,
    /// 资金总额 / 项目资金 / 预算数 / 合计.
    #[serde(with = "opt_decimal")]
    pub total: Option<Decimal>,
    /// 其中:财政拨款.
    #[serde(default, with = "opt_decimal")]
    pub fiscal: Option<Decimal>,
    /// 其他资金.
    #[serde(default, with = "opt_decimal")]
    pub other: Option<Decimal>,
    /// 上年结转.
    #[serde(default, with = "opt_decimal")]
    pub carryover: Option<Decimal>,
    /// 部门预算数: the whole department's budget, as the flat export states it above its
    /// projects.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_decimal")]
    pub department_total: Option<Decimal>,
    /// Other lines of the money block (成本构成 such as 保安服务费), in form order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<FundItem>,
}

impl Default for Funds {
    fn default() -> Self {
        Funds {
            unit: "万元".to_string(),
            total: None,
            fiscal: None,
            other: None,
            carryover: None,
            department_total: None,
            items: Vec::new(),
        }
    }
}

/// One further line of the money block: its label verbatim and its amount in [`Funds::unit`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundItem {
    /// The line's label, verbatim.
    pub label: String,
    /// Its amount.
    #[serde(with = "opt_decimal")]
    pub amount: Option<Decimal>,
}

/// 总体目标 (实施期 / 长期) and 年度目标: one item per paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectGoals {
    /// 总体目标 / 实施期绩效目标 / 长期目标.
    pub overall: Vec<String>,
    /// 年度目标 / 本年度绩效目标 / 绩效目标.
    pub annual: Vec<String>,
}
