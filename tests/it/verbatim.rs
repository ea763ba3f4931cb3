//! jixiao's own canonical files are read verbatim (issue 14, item 11): export → import gives
//! back every string as the JSON held it — spaces, tabs, literal markup and entities, goals
//! with markup — while a legacy cell with the same text is still cleaned.

use std::path::Path;

use jixiao::model::{Form, Indicator, KeyTask};
use jixiao::read::{open, ImportOptions};
use jixiao::write::{export_xlsx, ExportOptions};

fn awkward_form() -> Form {
    Form {
        department: "  测试局  ".to_string(),
        overall_goals: vec![
            " 目标一：提升效率 ".to_string(),
            "<p>目标二</p>".to_string(),
            "a<br>b &amp; c".to_string(),
        ],
        key_tasks: vec![KeyTask {
            name: " 任务\t一 ".to_string(),
            content: "<b>加粗</b>不是标记".to_string(),
            expected_outcome: "&lt;不解码&gt;".to_string(),
            ..KeyTask::default()
        }],
        other_tasks: "  其他  ".to_string(),
        indicators: vec![Indicator {
            level1: "产出\t指标".to_string(),
            level2: " 数量指标(必填)".to_string(),
            name: "<b>车辆</b> &amp; 数".to_string(),
            period_value: jixiao::value::parse(" ≥18000家次 "),
            annual_value: jixiao::value::parse("≥18000家次"),
            ..Indicator::default()
        }],
        ..Form::default()
    }
}

fn exported(dir: &Path, form: &Form) -> std::path::PathBuf {
    let path = dir.join("canonical.xlsx");
    let bytes = export_xlsx(form, &ExportOptions::default()).expect("exports");
    std::fs::write(&path, bytes).expect("written");
    path
}

#[test]
fn an_exported_form_reads_back_with_every_string_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let form = awkward_form();
    let back = open(&exported(dir.path(), &form), &ImportOptions::default())
        .expect("imports")
        .form;
    assert_eq!(back.department, form.department);
    assert_eq!(back.overall_goals, form.overall_goals);
    assert_eq!(back.key_tasks, form.key_tasks);
    assert_eq!(back.other_tasks, form.other_tasks);
    assert_eq!(back.indicators, form.indicators);
}

#[test]
fn the_same_cells_without_the_export_id_are_cleaned_as_legacy_cells() {
    // Strip the custom properties: the file is then anybody's, and its cells get the legacy
    // clean-up (trimmed, markup removed, paragraphs split).
    use std::io::{Cursor, Write};
    let dir = tempfile::tempdir().expect("tempdir");
    let bytes = std::fs::read(exported(dir.path(), &awkward_form())).expect("read");
    let mut source = zip::ZipArchive::new(Cursor::new(&bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..source.len() {
        let entry = source.by_index_raw(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        if name == "docProps/custom.xml" {
            continue;
        }
        out.raw_copy_file(entry).expect("copied");
    }
    let stripped = out.finish().expect("zip").into_inner();
    let path = dir.path().join("legacy.xlsx");
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(&stripped))
        .expect("written");
    let back = open(&path, &ImportOptions::default())
        .expect("imports")
        .form;
    assert_eq!(back.department, "测试局");
    assert_eq!(back.indicators[0].level1, "产出指标");
    assert_eq!(back.indicators[0].level2, "数量指标");
}

#[test]
fn goals_with_line_breaks_read_back_as_the_same_goals() {
    let dir = tempfile::tempdir().expect("tempdir");
    let form = Form {
        department: "测试局".to_string(),
        overall_goals: vec![
            "目标一".to_string(),
            "目标二：\n（一）提升效率\n（二）降低成本".to_string(),
            "目标三\n".to_string(),
        ],
        indicators: awkward_form().indicators,
        ..Form::default()
    };
    let back = open(&exported(dir.path(), &form), &ImportOptions::default())
        .expect("imports")
        .form;
    assert_eq!(back.overall_goals, form.overall_goals);
}

#[test]
fn spaces_only_fields_read_back_as_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut form = awkward_form();
    form.duties = "   ".to_string();
    form.other_tasks = " ".to_string();
    form.key_tasks[0].expected_outcome = "  ".to_string();
    form.indicators[0].name = "  ".to_string();
    let back = open(&exported(dir.path(), &form), &ImportOptions::default())
        .expect("imports")
        .form;
    assert_eq!(back.duties, form.duties);
    assert_eq!(back.other_tasks, form.other_tasks);
    assert_eq!(back.key_tasks, form.key_tasks);
    assert_eq!(back.indicators, form.indicators);
}
