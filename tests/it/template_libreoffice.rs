//! The template's dropdowns and number checks as LibreOffice evaluates them: the 二级 list follows
//! the 一级 chosen in its block (INDIRECT over the defined names), money cells refuse text, and
//! --protect leaves inputs unlocked. Drives LibreOffice through UNO (tests/lo/template_check.py);
//! .ci/run installs libreoffice-calc-nogui and python3-uno.

use std::process::Command;

use jixiao::layout::{cell_a1, Field, IndicatorColumn, Layout};
use jixiao::model::BudgetField;
use jixiao::write::{template_form, template_xlsx, TemplateOptions};

#[test]
fn libreoffice_evaluates_the_dependent_dropdown_and_number_checks() {
    let options = TemplateOptions {
        protect: true,
        ..TemplateOptions::default()
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("blank.xlsx");
    std::fs::write(&path, template_xlsx(&options).expect("template")).expect("write");

    // The second 二级 block under 产出指标 (质量指标); the last block (满意度指标, one 二级); a budget
    // cell; a label.
    let layout = Layout::for_form(&template_form(&options));
    let anchor = |field: Field| {
        let r = layout.region_of(&field).expect("field in layout");
        cell_a1(r.first_row, r.first_col)
    };
    let level2 = anchor(Field::Indicator(options.rows, IndicatorColumn::Level2));
    let last = layout.indicator_rows - options.rows;
    let last_level1 = anchor(Field::Indicator(last, IndicatorColumn::Level1));
    let last_level2 = anchor(Field::Indicator(last, IndicatorColumn::Level2));
    let money = anchor(Field::Budget(BudgetField::BasicExpenditure));

    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/lo/template_check.py");
    let run = Command::new("/usr/bin/python3")
        .args([
            script,
            path.to_str().expect("utf-8 path"),
            &level2,
            &last_level1,
            &last_level2,
            &money,
            "A2",
        ])
        .output()
        .expect("run /usr/bin/python3 with LibreOffice's uno");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON from the script");
    let want = serde_json::json!({
        "sheet": jixiao::layout::SHEET_NAME,
        "protected": true,
        "input_locked": false,
        "label_locked": true,
        "untouched": false,
        "level2_of_other_level1": true,
        "level2_of_its_level1": false,
        "after_changing_level1": true,
        "level2_follows_new_level1": false,
        "money_as_text": true,
        "money_as_number": false,
    });
    assert_eq!(got, want);
}
