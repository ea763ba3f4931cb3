//! Rule 3: what every form must have.
//!
//! 部门名称, at least one 总体绩效目标, at least one 年度重点工作任务, at least one 绩效指标
//! (errors), and each 一级指标 of the framework version the form follows (warnings; see
//! [`super::framework::version_of`]). A goal or task row that is entirely blank does not count.

use crate::labels::SectionLabel;
use crate::model::Form;

use super::framework::{resolve_level1, version_of};
use super::{join_names, label, task_is_blank, Code, Context};

pub(super) fn check(form: &Form, ctx: &mut Context) {
    if form.department.trim().is_empty() {
        ctx.report(Code::RequiredDepartment, "department")
            .arg("label", label(SectionLabel::Department))
            .emit();
    }
    if form.overall_goals.iter().all(|g| g.trim().is_empty()) {
        ctx.report(Code::RequiredGoals, "overall_goals")
            .arg("label", label(SectionLabel::OverallGoals))
            .emit();
    }
    if form.key_tasks.iter().all(task_is_blank) {
        ctx.report(Code::RequiredKeyTasks, "key_tasks")
            .arg("label", label(SectionLabel::KeyTasks))
            .emit();
    }
    if form.indicators.is_empty() {
        ctx.report(Code::RequiredIndicators, "indicators")
            .arg("label", label(SectionLabel::Indicators))
            .emit();
        return;
    }
    let Some(version) = version_of(form) else {
        return;
    };
    let present: Vec<String> = form
        .indicators
        .iter()
        .filter_map(|i| resolve_level1(&i.level1).name().map(str::to_string))
        .collect();
    let expected: Vec<&str> = version.level1.iter().map(|l| l.name.as_str()).collect();
    for level1 in &expected {
        if !present.iter().any(|p| p == level1) {
            ctx.report(Code::RequiredLevel1, "indicators")
                .arg("level1", *level1)
                .arg("version", version.name.as_str())
                .arg("expected", join_names(&expected))
                .emit();
        }
    }
}
