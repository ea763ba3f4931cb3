//! `jixiao score`, the self-evaluation check and the pre-filled 自评表 (issue 12).

use std::path::{Path, PathBuf};

use jixiao::model::{Document, Provenance, SelfEvaluation};
use jixiao::read::{open_documents, ImportOptions};
use jixiao::write::self_evaluation_layout::{
    BudgetColumn, Field, IndicatorColumn, SelfEvaluationLayout, Shape,
};
use jixiao::write::{export_self_evaluation, SelfEvaluationOptions};

use crate::common::{jixiao, root, sample};

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn pre_filled(dir: &Path, from: &Path, protect: bool) -> PathBuf {
    let out_path = dir.join("自评表.xlsx");
    let mut args = vec![
        "template".into(),
        "--self-evaluation".into(),
        "--from".into(),
        from.as_os_str().to_owned(),
        "-o".into(),
        out_path.as_os_str().to_owned(),
    ];
    if protect {
        args.push("--protect".into());
    }
    let out = jixiao(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    out_path
}

#[test]
fn a_target_form_is_not_scored_and_says_why_in_chinese() {
    let seed = sample("seed-legacy.xlsx").display().to_string();
    let out = jixiao(&["score", "--lang", "zh", &seed]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("不是绩效自评表"), "{}", stderr(&out));
    let out = jixiao(&["score", &seed]);
    assert!(
        stderr(&out).contains("not a 绩效自评表"),
        "English under LANG=C: {}",
        stderr(&out)
    );
}

#[test]
fn the_pre_filled_workbook_is_written_where_asked_and_only_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = pre_filled(dir.path(), &sample("seed-legacy.xlsx"), true);
    let bytes = std::fs::read(&path).expect("written");
    assert!(bytes.starts_with(b"PK"));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    // --from needs --self-evaluation and the other way round.
    let out = jixiao(&["template", "--self-evaluation", "-o", "x.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    // The approved form itself is never overwritten.
    let copy = dir.path().join("approved.xlsx");
    std::fs::copy(sample("seed-legacy.xlsx"), &copy).expect("copy");
    let out = jixiao(&[
        "template",
        "--self-evaluation",
        "--from",
        &copy.display().to_string(),
        "-o",
        &copy.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(&copy).expect("still there"),
        std::fs::read(sample("seed-legacy.xlsx")).expect("sample")
    );
}

/// The real Anhui 2022 项目支出绩效自评表 (天长市水利局, from a published HTML page; a copy of
/// `../shared/realworld/05_anhui_tianchang_shuili_2022_selfeval.xlsx`, kept here so CI has it).
fn anhui() -> PathBuf {
    root().join("tests/data/realworld/05_anhui_tianchang_shuili_2022_selfeval.xlsx")
}

fn read_self_evaluation(path: &Path) -> (SelfEvaluation, Provenance) {
    let mut documents = open_documents(path, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(documents.len(), 1, "{}", path.display());
    let imported = documents.remove(0);
    match imported.document {
        Document::SelfEvaluation(e) => (e, imported.cells),
        other => panic!("{}: read as {:?}", path.display(), other.kind()),
    }
}

#[test]
fn the_real_anhui_self_evaluation_is_scored_beside_its_written_scores() {
    let out = jixiao(&["score", "--format", "json", &anhui().display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["format"], "jixiao/score@1");
    assert_eq!(v["execution"]["weight"], "10");
    assert_eq!(v["execution"]["rate"], "100.00");
    assert_eq!(v["execution"]["computed"], "10.00");
    assert_eq!(v["execution"]["written"], "10");
    let rows = v["indicators"].as_array().expect("indicators");
    let computed: Vec<&str> = rows
        .iter()
        .map(|r| r["computed"].as_str().unwrap_or("null"))
        .collect();
    assert_eq!(
        computed,
        ["10.00", "10.00", "null", "null", "null", "null", "null", "null", "9.00"]
    );
    let written: Vec<&str> = rows
        .iter()
        .map(|r| r["written"].as_str().unwrap_or("null"))
        .collect();
    assert_eq!(written, ["10"; 9]);
    assert_eq!(rows[8]["rule"], "equal");
    assert_eq!(rows[8]["cell"], "Sheet1!H37");
    assert_eq!(rows[2]["rule"], "unscorable");
    assert_eq!(rows[2]["reason"], "blank_actual");
    assert_eq!(v["total"]["computed"], "99.00");
    assert_eq!(v["total"]["written"], "100");
    assert_eq!(v["total"]["weight"], "100");
    assert_eq!(v["total"]["excluded_weight"], "0");
    assert_eq!(v["total"]["incomplete"], true);
    assert_eq!(v["grade"]["computed"], "优");
    assert_eq!(v["grade"]["written"], "优");
    assert_eq!(v["diagnostics"].as_array().map(Vec::len), Some(6));

    // The Chinese text marks the one difference, and -o writes the printable sheet.
    let dir = tempfile::tempdir().expect("tempdir");
    let sheet = dir.path().join("评分.xlsx");
    let out = jixiao(&[
        "score",
        "--lang",
        "zh",
        &anhui().display().to_string(),
        "-o",
        &sheet.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("计算得分 9.00  表中得分 10  ≠ 相差 1.00"),
        "{text}"
    );
    assert!(text.contains("计算不完整"), "{text}");
    printable_sheet_marks_the_difference(&sheet);
}

/// The printable sheet: a row per part, written beside computed, the one difference marked.
fn printable_sheet_marks_the_difference(path: &Path) {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(path).expect("the sheet opens");
    let range = book.worksheet_range("评分").expect("sheet 评分");
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let header = rows
        .iter()
        .position(|r| r.first().map(String::as_str) == Some("一级指标"));
    assert_eq!(header, Some(2), "{rows:?}");
    let satisfaction = rows
        .iter()
        .find(|r| r.get(2).map(String::as_str) == Some("指标1:服务对象满意度"))
        .expect("the satisfaction row");
    assert_eq!(
        &satisfaction[5..10],
        ["10", "规则4 ＝", "9", "10", "≠ 1.00"],
        "{satisfaction:?}"
    );
    let total = rows
        .iter()
        .find(|r| r.first().map(String::as_str) == Some("总分"))
        .expect("总分");
    assert_eq!(&total[7..10], ["99", "100", "≠ 1.00"], "{total:?}");
    let marked = rows
        .iter()
        .filter(|r| r.get(9).is_some_and(|c| c.starts_with('≠')))
        .count();
    assert_eq!(marked, 2, "{rows:?}");
}

#[test]
fn the_real_anhui_self_evaluation_is_checked_at_its_cells() {
    let out = jixiao(&["check", "--format", "json", &anhui().display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let found = v["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics");
    let codes: Vec<(&str, &str)> = found
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or(""),
                d["cell"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(codes, [("score.differs", "H37")], "{found:#?}");
}

fn json(e: &SelfEvaluation) -> serde_json::Value {
    serde_json::to_value(e).expect("serialises")
}

#[test]
fn import_of_export_is_the_self_evaluation_itself() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (original, _) = read_self_evaluation(&anhui());
    let exported = dir.path().join("canonical.xlsx");
    let bytes =
        export_self_evaluation(&original, &SelfEvaluationOptions::default()).expect("export");
    std::fs::write(&exported, bytes).expect("write");
    let (back, cells) = read_self_evaluation(&exported);
    assert_eq!(json(&back), json(&original));
    // Where the layout put each field is where the reader found it.
    let layout = SelfEvaluationLayout::new(&Shape {
        budget_rows: original.budget_execution.rows.len(),
        levels: original
            .indicators
            .iter()
            .map(|i| (i.level1.clone(), i.level2.clone()))
            .collect(),
        ..Shape::default()
    });
    for (path, field) in [
        ("total_score", Field::TotalScore),
        ("budget_execution.score", Field::Budget(BudgetColumn::Score)),
        (
            "indicators[8].score",
            Field::Indicator(8, IndicatorColumn::Score),
        ),
        (
            "indicators[8].actual_value",
            Field::Indicator(8, IndicatorColumn::ActualValue),
        ),
    ] {
        let region = layout.region_of(&field).expect("placed");
        assert_eq!(
            cells.get(path).map(|c| c.cell.to_string()),
            Some(region.a1()),
            "{path}"
        );
    }

    // And a LibreOffice re-save changes nothing.
    let profile = dir.path().join("profile");
    let resaved_dir = dir.path().join("resaved");
    let out = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&resaved_dir)
        .arg(&exported)
        .output()
        .expect("run soffice");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (resaved, _) = read_self_evaluation(&resaved_dir.join("canonical.xlsx"));
    assert_eq!(json(&resaved), json(&original));
}

fn hubei_project() -> PathBuf {
    root().join("tests/data/realworld/09_hubei_ezhou_binhu_2022_project.xlsx")
}

fn type_with_libreoffice(input: &Path, output: &Path, edits: &serde_json::Value) -> Vec<bool> {
    let edits_path = output.with_extension("edits.json");
    std::fs::write(&edits_path, edits.to_string()).expect("write edits");
    let out = std::process::Command::new("/usr/bin/python3")
        .arg(root().join("tests/lo/type_cells.py"))
        .arg(input)
        .arg(output)
        .arg(&edits_path)
        .output()
        .expect("run /usr/bin/python3 tests/lo/type_cells.py (needs python3-uno and LibreOffice)");
    assert!(
        out.status.success() && output.exists(),
        "type_cells.py failed: {}{}",
        stdout(&out),
        stderr(&out)
    );
    serde_json::from_slice(&out.stdout).expect("lock states")
}

fn d(text: &str) -> rust_decimal::Decimal {
    text.parse().expect("decimal")
}

#[test]
fn the_pre_filled_self_evaluation_round_trips_and_takes_a_persons_edits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let approved = open_documents(&hubei_project(), &ImportOptions::default()).expect("approved");
    let expected = jixiao::write::self_evaluation_from(&approved[0].document);
    // What the template is made of: the approved rows, the skeleton's 分值 (no 时效/效益/满意度
    // rows here, so 产出's 50 is shared evenly over its six rows), nothing evaluated.
    let weights: Vec<String> = expected
        .indicators
        .iter()
        .map(|i| i.weight.map(|w| w.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(weights, ["8.34", "8.34", "8.33", "8.33", "8.33", "8.33"]);
    assert_eq!(expected.budget_execution.initial, Some(d("814")));
    assert_eq!(expected.indicators[0].annual_value.text, "2280次");

    let template = pre_filled(dir.path(), &hubei_project(), true);
    let (read, _) = read_self_evaluation(&template);
    assert_eq!(
        json(&read),
        json(&expected),
        "import(template) is the pre-filled form"
    );

    let edits = serde_json::json!([
        {"row_of": "年度资金总额", "column_of": "全年预算数", "input": "814"},
        {"row_of": "年度资金总额", "column_of": "全年执行数", "input": "800"},
        {"row_of": "年度资金总额", "column_of": "执行率", "input": "98.28%"},
        {"row_of": "年度资金总额", "column_of": "得分", "input": "9.83"},
        {"row_of": "办公大楼日常维修维护次数", "column_of": "实际完成值", "input": "2300次"},
        {"row_of": "办公大楼日常维修维护次数", "column_of": "得分", "input": "8.34"},
        {"row_of": "大楼安检巡察次数", "column_of": "实际完成值", "input": "180次"},
        {"row_of": "大楼安检巡察次数", "column_of": "得分", "input": "7.5"},
        {"row_of": "大楼安检巡察次数", "column_of": "偏差原因分析及改进措施", "input": "部分月份巡察次数不足，已增加排班"},
        {"row_of": "成本控制率", "column_of": "实际完成值", "input": "达成"},
        {"row_of": "成本控制率", "column_of": "得分", "input": "8"},
        {"row_of": "总分", "column_of": "得分", "input": "33.67"},
        // Probes: the approved 年度指标值 is locked, a 分值 is not.
        {"row_of": "办公大楼日常维修维护次数", "column_of": "年度指标值"},
        {"row_of": "办公大楼日常维修维护次数", "column_of": "分值"},
    ]);
    let filled = dir.path().join("filled.xlsx");
    let locked = type_with_libreoffice(&template, &filled, &edits);
    assert_eq!(locked.len(), 14);
    assert!(
        locked[..12].iter().all(|l| !l),
        "typed cells are unlocked: {locked:?}"
    );
    assert_eq!(
        &locked[12..],
        [true, false],
        "年度指标值 locked, 分值 editable"
    );

    let mut want = expected.clone();
    let e = &mut want.budget_execution;
    e.adjusted = Some(d("814"));
    e.executed = Some(d("800"));
    e.rate = Some(d("98.28"));
    e.score = Some(d("9.83"));
    want.indicators[0].actual_value = jixiao::value::parse("2300次");
    want.indicators[0].score = Some(d("8.34"));
    want.indicators[1].actual_value = jixiao::value::parse("180次");
    want.indicators[1].score = Some(d("7.5"));
    want.indicators[1].deviation = "部分月份巡察次数不足，已增加排班".to_string();
    want.indicators[5].actual_value = jixiao::value::parse("达成");
    want.indicators[5].score = Some(d("8"));
    want.total_score = Some(d("33.67"));
    let (got, _) = read_self_evaluation(&filled);
    assert_eq!(got, want, "the import is exactly the person's edits");

    // jixiao score on the filled workbook alone; the cached formulas (参考, Σ 分值) are not scores.
    let out = jixiao(&["score", "--format", "json", &filled.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["execution"]["written"], "9.83");
    // 10 × 800 / 814 = 9.828… → 9.83.
    assert_eq!(v["execution"]["computed"], "9.83");
    // Plain numbers are `=` (rule 4): 8.34 × min(2300/2280, 2280/2300) = 8.267… → 8.27.
    assert_eq!(v["indicators"][0]["computed"], "8.27");
    // 8.34 × 180 / 200 = 7.506 → 7.51, beside the written 7.5.
    assert_eq!(v["indicators"][1]["computed"], "7.51");
    assert_eq!(v["indicators"][5]["rule"], "qualitative");
    assert_eq!(v["indicators"][5]["computed"], "8.00");
    assert_eq!(v["total"]["written"], "33.67");
    assert_eq!(v["total"]["weight"], "60.00");
}

#[test]
fn a_self_evaluation_in_another_layout_is_scored_and_checked_at_its_cells() {
    // 分值 before the target, 年初目标值(A) / 全年实际值 for the values, no budget block.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("variant.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows: [&[&str]; 4] = [
        &["项目支出绩效自评表"],
        &[
            "一级指标",
            "二级指标",
            "三级指标",
            "分值",
            "年初目标值(A)",
            "全年实际值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        &[
            "产出指标",
            "数量指标",
            "培训人次",
            "20",
            "≥100人次",
            "96人次",
            "18",
            "天气原因",
        ],
        &[
            "产出指标",
            "时效指标",
            "完成时间",
            "10",
            "2022年10月31日前",
            "2022年11月15日",
            "5",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).expect("cell");
        }
    }
    book.save(&path).expect("save");
    let out = jixiao(&["score", "--format", "json", &path.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // 20 × 96 / 100 = 19.20; the deadline missed: 0.
    assert_eq!(v["indicators"][0]["computed"], "19.20");
    assert_eq!(v["indicators"][0]["rule"], "at_least");
    assert_eq!(v["indicators"][1]["computed"], "0.00");
    assert_eq!(v["indicators"][1]["rule"], "deadline");
    assert_eq!(v["execution"]["computed"], serde_json::Value::Null);
    assert_eq!(v["total"]["incomplete"], true);

    let out = jixiao(&["check", "--format", "json", &path.display().to_string()]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let found: Vec<(String, String)> = v["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["cell"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    for wanted in [
        ("score.differs", "G3"),
        ("score.differs", "G4"),
        // A blank cell is not recorded by the reader: the finding points at its row.
        ("score.missing_deviation", "A4:H4"),
    ] {
        assert!(
            found
                .iter()
                .any(|(c, cell)| c == wanted.0 && cell == wanted.1),
            "{wanted:?} in {found:?}"
        );
    }
}
