//! `convert` on every kind: department and project forms and self-evaluations become their
//! kind's canonical xlsx (one per form of a workbook), which reads back as the same document.

use crate::common::{jixiao, root};

fn realworld(name: &str) -> std::path::PathBuf {
    root().join("tests/data/realworld").join(name)
}

#[test]
fn a_project_form_converts_to_its_canonical_xlsx_and_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (xlsx, json) = (dir.path().join("p.xlsx"), dir.path().join("p.json"));
    let input = realworld("09_hubei_ezhou_binhu_2022_project.xlsx");
    let out = jixiao(&[
        "convert".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        xlsx.as_os_str(),
        "--json".as_ref(),
        json.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json written")).expect("json");
    assert_eq!(written["format"], "jixiao/project-form@1");
    assert_eq!(written["funds"]["total"], "814");
    let back = jixiao::read::open_documents(&xlsx, &Default::default()).expect("xlsx reads");
    match &back[..] {
        [one] => match &one.document {
            jixiao::model::Document::Project(form) => {
                assert_eq!(form.project.name, "滨湖大胆办公大楼运行保障");
                assert_eq!(form.indicators.len(), 6);
            }
            other => panic!("{other:#?}"),
        },
        many => panic!("{} documents", many.len()),
    }
}

#[test]
fn a_self_evaluation_converts_to_its_canonical_xlsx_which_reads_back_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("s.xlsx");
    let input = realworld("05_anhui_tianchang_shuili_2022_selfeval.xlsx");
    let out = jixiao(&[
        "convert".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        xlsx.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |path: &std::path::Path| {
        let mut documents = jixiao::read::open_documents(path, &Default::default()).expect("reads");
        assert_eq!(documents.len(), 1);
        documents.remove(0).document
    };
    let (original, back) = (read(&input), read(&xlsx));
    assert!(matches!(back, jixiao::model::Document::SelfEvaluation(_)));
    assert_eq!(
        serde_json::to_value(&back).expect("json"),
        serde_json::to_value(&original).expect("json")
    );
}

#[test]
fn a_department_form_of_another_province_converts_to_the_canonical_xlsx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("d.xlsx");
    let input = realworld("01_hunan_yueyanglou_jiage_2023_dept.xlsx");
    let out = jixiao(&[
        "convert".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        xlsx.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let back = jixiao::read::open(&xlsx, &Default::default()).expect("canonical file reads");
    assert_eq!(back.form.department, "岳阳楼区价格认证鉴定中心");
    assert_eq!(back.form.indicators.len(), 5);
    assert_eq!(back.form.indicators[1].annual_value.text, "100%");
}

#[test]
fn batch_writes_every_kind_and_says_why_a_workbook_of_several_forms_has_no_xlsx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (input, output) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::create_dir(&input).expect("in");
    for name in [
        "01_hunan_yueyanglou_jiage_2023_dept.xlsx",
        "03_sichuan_jingyan_mata_2023_project_export.xlsx",
        "05_anhui_tianchang_shuili_2022_selfeval.xlsx",
    ] {
        std::fs::copy(realworld(name), input.join(name)).expect("copy");
    }
    let out = jixiao(&[
        "batch".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "check findings do not fail a batch: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(output.join("summary.json")).expect("summary"),
    )
    .expect("json");
    let files = summary["files"].as_array().expect("files");
    let by_name = |name: &str| {
        files
            .iter()
            .find(|f| f["file"] == name)
            .unwrap_or_else(|| panic!("{name} not in {files:?}"))
    };
    let dept = by_name("01_hunan_yueyanglou_jiage_2023_dept.xlsx");
    assert_eq!(dept["status"], "ok");
    assert!(dept["xlsx"].is_string());
    let export = by_name("03_sichuan_jingyan_mata_2023_project_export.xlsx");
    assert_eq!(export["status"], "ok");
    assert!(export["xlsx"].is_null());
    assert!(export["message"]
        .as_str()
        .unwrap_or_default()
        .contains("holds 2 forms"));
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(output.join(export["json"].as_str().expect("json path")))
            .expect("json written"),
    )
    .expect("json");
    assert_eq!(json.as_array().map(Vec::len), Some(2));
    let selfeval = by_name("05_anhui_tianchang_shuili_2022_selfeval.xlsx");
    assert_eq!(selfeval["status"], "ok");
    assert!(selfeval["xlsx"].is_string(), "{selfeval}");
}

#[test]
fn a_workbook_with_a_sheet_per_department_converts_to_one_xlsx_per_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("many.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    for name in ["甲局", "乙局"] {
        let ws = book.add_worksheet();
        ws.set_name(name).expect("name");
        for (c, text) in ["部门名称", name].iter().enumerate() {
            ws.write_string(0, c as u16, *text).expect("write");
        }
        for (c, text) in ["一级指标", "二级指标", "三级指标", "指标值"]
            .iter()
            .enumerate()
        {
            ws.write_string(1, c as u16, *text).expect("write");
        }
        for (c, text) in ["产出指标", "数量指标", "培训人次", "≥100人次"]
            .iter()
            .enumerate()
        {
            ws.write_string(2, c as u16, *text).expect("write");
        }
    }
    book.save(&input).expect("save");
    let output = dir.path().join("out.xlsx");
    let out = jixiao(&[
        "convert".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (n, name) in [(1, "甲局"), (2, "乙局")] {
        let path = dir.path().join(format!("out-{n}.xlsx"));
        let back = jixiao::read::open(&path, &Default::default()).expect("reads back");
        assert_eq!(back.form.department, name);
    }
    assert!(!output.exists(), "several forms: numbered files only");
}
