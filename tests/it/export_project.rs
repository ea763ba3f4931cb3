//! The project form (jixiao/project-form@1) in its canonical layout, and both target kinds in
//! the budget system's flat table: labels where the shared layout puts them, the optional
//! columns the form has, money exact in the form's unit, page breaks, LibreOffice's pages.

use std::path::Path;

use calamine::{Data, Reader};
use rust_decimal::Decimal;

use crate::common::jixiao;
use crate::export_support::{merges, open, seed_form, value, zip_part};
use jixiao::layout::project::{ProjectColumn, ProjectField, PROJECT_SHEET_NAME};
use jixiao::model::{FundItem, Indicator, ProjectForm};
use jixiao::write::project::{export_project_xlsx, printed_project_layout, project_layout};
use jixiao::write::ExportOptions;

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

/// (一级, 二级, 三级, 指标值, 分值, 指标解释).
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

/// A project like Hubei's 2022 example (shared/realworld/09), with weights and explanations.
pub fn project_form() -> ProjectForm {
    let mut form = ProjectForm {
        year: Some(2022),
        ..ProjectForm::default()
    };
    form.project.name = "办公大楼运行维护经费".to_string();
    form.project.department = "鄂州市滨湖机关事务服务中心".to_string();
    form.project.unit = "鄂州市滨湖机关事务服务中心".to_string();
    form.project.attributes = "延续项目".to_string();
    form.project.period = "2022年1月-2022年12月".to_string();
    form.funds.total = Some(dec("814.00"));
    form.funds.fiscal = Some(dec("814.00"));
    form.funds.other = Some(dec("0.00"));
    form.funds.items = vec![FundItem {
        label: "保安服务费".to_string(),
        amount: Some(dec("120.50")),
    }];
    form.goals.overall = vec!["以办公大楼服务对象满意为目标,着力打造文明型机关。".to_string()];
    form.goals.annual = vec!["保障办公大楼全年安全运行。".to_string()];
    let rows: [Row; 6] = [
        (
            "产出指标",
            "数量指标",
            "办公大楼日常维修维护次数",
            "2280次",
            Some("20"),
            None,
        ),
        (
            "产出指标",
            "数量指标",
            "大楼安检巡察次数",
            "≥200次",
            Some("10"),
            None,
        ),
        (
            "产出指标",
            "质量指标",
            "办公大楼日常维修维护验收合格率",
            ">92%",
            Some("20"),
            Some("验收合格项目数/维修项目总数"),
        ),
        (
            "产出指标",
            "成本指标",
            "成本控制率",
            "不超预算",
            Some("10"),
            None,
        ),
        (
            "效益指标",
            "社会效益指标",
            "保障机关正常运转",
            "有效保障",
            Some("20"),
            None,
        ),
        (
            "满意度指标",
            "服务对象满意度指标",
            "干部职工满意度",
            "≥90%",
            Some("20"),
            None,
        ),
    ];
    form.indicators = rows
        .iter()
        .map(|(l1, l2, name, v, weight, explanation)| Indicator {
            level1: l1.to_string(),
            level2: l2.to_string(),
            name: name.to_string(),
            annual_value: value(v),
            weight: weight.map(dec),
            explanation: explanation.map(str::to_string),
            ..Indicator::default()
        })
        .collect();
    form
}

fn text(range: &calamine::Range<Data>, row: u32, col: u16) -> String {
    range
        .get_value((row, u32::from(col)))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

#[test]
fn the_project_form_is_written_in_its_layout_with_the_columns_it_has() {
    let form = project_form();
    let bytes = export_project_xlsx(&form, &ExportOptions::default()).expect("export");
    let range = open(&bytes)
        .worksheet_range(PROJECT_SHEET_NAME)
        .expect("the project sheet");
    assert_eq!(text(&range, 0, 0), "项目支出绩效目标申报表（2022年度）");
    assert_eq!(text(&range, 1, 0), "单位：万元");
    let layout = project_layout(&form);
    // Indicator columns: no 实施周期指标值, 评分标准 or 备注 (no indicator has one); 分值 and 指标解释.
    assert_eq!(
        layout.columns,
        vec![
            ProjectColumn::Level1,
            ProjectColumn::Level2,
            ProjectColumn::Name,
            ProjectColumn::Value,
            ProjectColumn::Weight,
            ProjectColumn::Explanation
        ]
    );
    let header: Vec<String> = (0..6)
        .map(|c| text(&range, layout.indicator_header_row, c))
        .collect();
    assert_eq!(
        header,
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "分值",
            "指标解释"
        ]
    );
    for (field, want) in [
        (ProjectField::Name, "办公大楼运行维护经费"),
        (ProjectField::Department, "鄂州市滨湖机关事务服务中心"),
        (ProjectField::Attributes, "延续项目"),
        (ProjectField::Period, "2022年1月-2022年12月"),
        (ProjectField::ItemLabel(0), "保安服务费"),
        (ProjectField::AnnualGoals, "保障办公大楼全年安全运行。"),
    ] {
        let r = layout.region_of(&field).expect("field in layout");
        assert_eq!(text(&range, r.first_row, r.first_col), want, "{field:?}");
    }
    for (field, want) in [
        (ProjectField::Total, 814.0),
        (ProjectField::Other, 0.0),
        (ProjectField::ItemAmount(0), 120.5),
    ] {
        let r = layout.region_of(&field).expect("field in layout");
        assert_eq!(
            range.get_value((r.first_row, u32::from(r.first_col))),
            Some(&Data::Float(want)),
            "{field:?}"
        );
    }
    for (i, ind) in form.indicators.iter().enumerate() {
        let row = layout.indicator_row(i);
        assert_eq!(text(&range, row, 2), ind.name);
        assert_eq!(text(&range, row, 3), ind.annual_value.text);
        assert_eq!(
            text(&range, row, 4),
            ind.weight.map(|w| w.to_string()).unwrap_or_default()
        );
    }
    // The signature lines under the table.
    let last = layout.row_count - 1;
    assert_eq!(text(&range, last - 1, 0), "填报人：");
    assert_eq!(text(&range, last, 0), "单位负责人：");
    // Merges: exactly the printed layout's, 产出指标 over its four rows.
    let mut got = merges(&bytes, PROJECT_SHEET_NAME);
    let mut want: Vec<String> = printed_project_layout(&form, &ExportOptions::default())
        .regions
        .iter()
        .filter(|r| r.is_merged())
        .map(|r| r.a1())
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    let first = layout.indicator_row(0) + 1;
    assert!(got.contains(&format!("A{first}:A{}", first + 3)), "{got:?}");
    // Money shows the form's two decimals.
    assert!(zip_part(&bytes, "xl/styles.xml").contains(r##"formatCode="#,##0.00""##));
}

#[test]
fn a_form_in_yuan_says_so_and_optional_columns_follow_the_form() {
    let mut form = project_form();
    form.funds.unit = "元".to_string();
    for i in &mut form.indicators {
        i.weight = None;
        i.explanation = None;
    }
    form.indicators[0].remark = Some("按季度考核".to_string());
    form.indicators[0].period_value = value("≥9000次");
    let bytes = export_project_xlsx(&form, &ExportOptions::default()).expect("export");
    let range = open(&bytes)
        .worksheet_range(PROJECT_SHEET_NAME)
        .expect("sheet");
    assert_eq!(text(&range, 1, 0), "单位：元");
    let layout = project_layout(&form);
    let header: Vec<String> = (0..layout.columns.len() as u16)
        .map(|c| text(&range, layout.indicator_header_row, c))
        .collect();
    assert_eq!(
        header,
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "实施周期指标值",
            "指标值",
            "备注"
        ]
    );
}

fn write(dir: &Path, name: &str, json: &serde_json::Value) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, json.to_string()).expect("write json");
    path
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn export_writes_a_project_json_in_either_layout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = write(
        dir.path(),
        "project.json",
        &serde_json::to_value(project_form()).expect("json"),
    );
    let canonical = dir.path().join("p.xlsx");
    let run = jixiao(&["export", s(&json), "-o", s(&canonical)]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut book = open(&std::fs::read(&canonical).expect("written"));
    assert_eq!(book.sheet_names(), [PROJECT_SHEET_NAME]);
    assert!(book.worksheet_range(PROJECT_SHEET_NAME).is_ok());

    let system = dir.path().join("s.xlsx");
    let run = jixiao(&[
        "export",
        s(&json),
        "-o",
        s(&system),
        "--layout",
        "system",
        "--profile",
        "sichuan",
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let range = open(&std::fs::read(&system).expect("written"))
        .worksheet_range("Sheet1")
        .expect("sheet");
    assert_eq!(text(&range, 0, 0), "金额单位:元");
    assert_eq!(text(&range, 1, 2), "预算数");
    // 814.00 万元 → 8,140,000.00 元, exactly.
    assert_eq!(range.get_value((2, 2)), Some(&Data::Float(8_140_000.0)));
    assert_eq!(text(&range, 2, 1), "办公大楼运行维护经费");
    // Row of ">92%": 指标性质 ">" (Sichuan's half-width dictionary), 95 … direction 正向指标.
    assert_eq!(text(&range, 4, 7), ">");
    assert_eq!(text(&range, 4, 8), "92");
    assert_eq!(text(&range, 4, 9), "%");
    assert_eq!(text(&range, 4, 11), "正向指标");
    assert_eq!(text(&range, 4, 12), "验收合格项目数/维修项目总数");
}

#[test]
fn the_default_system_table_of_the_seed_has_one_row_per_indicator() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = write(
        dir.path(),
        "seed.json",
        &serde_json::to_value(seed_form()).expect("json"),
    );
    let out = dir.path().join("system.xlsx");
    let run = jixiao(&["export", s(&json), "-o", s(&out), "--layout", "system"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let range = open(&std::fs::read(&out).expect("written"))
        .worksheet_range("绩效指标")
        .expect("sheet");
    let header: Vec<String> = (0..11).map(|c| text(&range, 0, c)).collect();
    assert_eq!(
        header,
        [
            "单位名称",
            "项目名称",
            "一级指标",
            "二级指标",
            "三级指标",
            "计算符号",
            "指标值",
            "计量单位",
            "分值",
            "指标方向",
            "指标解释"
        ]
    );
    let form = seed_form();
    assert_eq!(range.height(), 1 + form.indicators.len());
    for (i, ind) in form.indicators.iter().enumerate() {
        let row = 1 + i as u32;
        assert_eq!(text(&range, row, 0), "广州市工业和信息化局");
        assert_eq!(text(&range, row, 4), ind.name);
        // Never a silent loss: the three cells compose back to the verbatim text, or the
        // verbatim text is in 指标解释.
        let composed = jixiao::value::compose_split(
            &text(&range, row, 5),
            &text(&range, row, 6),
            &text(&range, row, 7),
        );
        let explanation = text(&range, row, 10);
        let sign = text(&range, row, 5);
        let kept = explanation.contains(&format!("原文：{}", ind.annual_value.text));
        let same = jixiao::value::parse(&composed).kind == ind.annual_value.kind
            || (sign == "定性" && text(&range, row, 6) == ind.annual_value.text);
        assert!(
            kept || same,
            "{}: {composed} / {explanation}",
            ind.annual_value.text
        );
    }
    // A --profile without --layout system is a usage error.
    let run = jixiao(&["export", s(&json), "-o", s(&out), "--profile", "sichuan"]);
    assert_eq!(run.status.code(), Some(2));
}
