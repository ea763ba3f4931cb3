//! summary.xlsx lists a self-evaluation with the total and grade `jixiao score` computes, and a
//! project form with its kind, department and year (issue 16).

use crate::common::{jixiao, root, sample};

use calamine::{Data, Reader};

fn forms_sheet(xlsx: &std::path::Path) -> Vec<Vec<Data>> {
    let mut book = calamine::open_workbook_auto(xlsx).expect("summary.xlsx opens");
    let range = book.worksheet_range("汇总").expect("the 汇总 sheet");
    range.rows().map(<[Data]>::to_vec).collect()
}

#[test]
fn self_evaluations_have_the_computed_score_and_grade() {
    let work = tempfile::tempdir().expect("temp dir");
    let input = work.path().join("in");
    std::fs::create_dir(&input).expect("in");
    let realworld = root().join("tests/data/realworld");
    let selfeval = realworld.join("05_anhui_tianchang_shuili_2022_selfeval.xlsx");
    std::fs::copy(&selfeval, input.join("a-selfeval.xlsx")).expect("copy");
    std::fs::copy(
        realworld.join("09_hubei_ezhou_binhu_2022_project.xlsx"),
        input.join("b-project.xlsx"),
    )
    .expect("copy");
    std::fs::copy(sample("seed-legacy.xlsx"), input.join("c-dept.xlsx")).expect("copy");
    let out = work.path().join("out");
    let run = jixiao(&[
        "--lang".as_ref(),
        "zh".as_ref(),
        "batch".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    // What `jixiao score` says of the same file.
    let scored = jixiao(&[
        "score".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        selfeval.as_os_str(),
    ]);
    assert_eq!(scored.status.code(), Some(0));
    let card: serde_json::Value = serde_json::from_slice(&scored.stdout).expect("score JSON");
    let total: f64 = card["total"]["computed"]
        .as_str()
        .and_then(|t| t.parse().ok())
        .expect("a computed total");
    let grade = card["grade"]["computed"]
        .as_str()
        .expect("a computed grade");

    let rows = forms_sheet(&out.join("summary.xlsx"));
    let header: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
    };
    let (score, grade_col, kind, department, year) = (
        column("自评得分"),
        column("评价等级"),
        column("表种"),
        column("部门（单位）"),
        column("年度"),
    );
    let row = |file: &str| {
        rows.iter()
            .find(|r| r[0] == Data::String(file.to_string()))
            .unwrap_or_else(|| panic!("no row for {file}"))
    };

    let selfeval_row = row("a-selfeval.xlsx");
    assert_eq!(selfeval_row[score], Data::Float(total));
    assert_eq!(selfeval_row[grade_col].to_string(), grade);
    assert_eq!(selfeval_row[kind].to_string(), "绩效自评表");
    assert_eq!(selfeval_row[year], Data::Float(2022.0));
    // The form names no 主管部门: its 实施单位 stands in.
    assert_eq!(selfeval_row[department].to_string(), "天长市水利局");

    let project_row = row("b-project.xlsx");
    assert_eq!(project_row[kind].to_string(), "项目支出绩效目标申报表");
    assert_eq!(
        project_row[score],
        Data::Empty,
        "a project form has no score"
    );
    assert_eq!(project_row[grade_col], Data::Empty);

    let department_row = row("c-dept.xlsx");
    assert_eq!(department_row[kind].to_string(), "部门整体");
    assert_eq!(department_row[score], Data::Empty);
}
