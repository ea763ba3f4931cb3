//! The failure classes of issue 11, each on a small workbook of our own built here: what real
//! forms from other provinces do that the Guangzhou reader got wrong.

use std::path::{Path, PathBuf};

use jixiao::model::{Document, DocumentKind};
use jixiao::read::{open_documents, ImportOptions};
use rust_xlsxwriter::Workbook;

/// A sheet as rows of cells (`""` for blank); merges as (first row, first col, last row,
/// last col), zero-based.
struct Sheet<'a> {
    rows: &'a [&'a [&'a str]],
    merges: &'a [(u32, u16, u32, u16)],
}

fn workbook(dir: &Path, name: &str, sheets: &[(&str, Sheet)]) -> PathBuf {
    let mut book = Workbook::new();
    for (sheet_name, sheet) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*sheet_name).expect("sheet name");
        for &(r0, c0, r1, c1) in sheet.merges {
            let text = sheet.rows[r0 as usize]
                .get(c0 as usize)
                .copied()
                .unwrap_or("");
            ws.merge_range(r0, c0, r1, c1, text, &rust_xlsxwriter::Format::new())
                .expect("merge");
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                let merged = sheet.merges.iter().any(|&(r0, c0, r1, c1)| {
                    (r0..=r1).contains(&(r as u32)) && (c0..=c1).contains(&(c as u16))
                });
                if !text.is_empty() && !merged {
                    ws.write_string(r as u32, c as u16, *text).expect("write");
                }
            }
        }
    }
    let path = dir.join(name);
    book.save(&path).expect("save");
    path
}

fn read(path: &Path) -> Vec<Document> {
    open_documents(path, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .into_iter()
        .map(|d| d.document)
        .collect()
}

fn one(path: &Path) -> Document {
    let mut docs = read(path);
    assert_eq!(docs.len(), 1, "{docs:#?}");
    docs.remove(0)
}

fn department_form(doc: Document) -> jixiao::Form {
    match doc {
        Document::Department(form) => form,
        other => panic!("not a department form: {other:#?}"),
    }
}

const HEADER: &[&str] = &["一级指标", "二级指标", "三级指标", "指标值"];

/// 1. Own section labels (预算部门, 本年度绩效目标) and an indicator table: a form.
#[test]
fn class1_an_indicator_table_with_unknown_sections_is_a_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = workbook(
        dir.path(),
        "c1.xlsx",
        &[(
            "表1",
            Sheet {
                rows: &[
                    &["预算部门", "某县教育局"],
                    &["本年度绩效目标", "完成全县义务教育保障。"],
                    HEADER,
                    &["产出指标", "数量指标", "保障学生人数", "≥1200人"],
                ],
                merges: &[],
            },
        )],
    );
    let form = department_form(one(&path));
    assert_eq!(form.department, "某县教育局");
    assert_eq!(form.overall_goals, ["完成全县义务教育保障。"]);
    assert_eq!(form.indicators.len(), 1);
    assert_eq!(form.indicators[0].annual_value.text, "≥1200人");
}

/// 2. Required-field marks before or after labels.
#[test]
fn class2_required_marks_do_not_break_labels() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = workbook(
        dir.path(),
        "c2.xlsx",
        &[(
            "Sheet1",
            Sheet {
                rows: &[
                    &["★部门名称", "某市文化局"],
                    &["*年度总体绩效目标", "繁荣文化事业。"],
                    &["一级指标*", "二级指标", "*三级指标", "*指标值(必填)"],
                    &["产出指标", "数量指标", "演出场次", "≥20场"],
                ],
                merges: &[],
            },
        )],
    );
    let form = department_form(one(&path));
    assert_eq!(form.department, "某市文化局");
    assert_eq!(form.overall_goals, ["繁荣文化事业。"]);
    assert_eq!(form.indicators[0].name, "演出场次");
    assert_eq!(form.indicators[0].annual_value.text, "≥20场");
}

/// 3. A 计量单位 column joins a bare number; 定量/定性 in 指标性质 is not glued into the value.
#[test]
fn class3_units_join_numbers_and_value_types_stay_apart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = workbook(
        dir.path(),
        "c3.xlsx",
        &[(
            "Sheet1",
            Sheet {
                rows: &[
                    &["部门名称", "某局"],
                    &[
                        "一级指标",
                        "二级指标",
                        "三级指标",
                        "指标值",
                        "计量单位",
                        "指标值类型",
                    ],
                    &["产出指标", "质量指标", "到位率", "100", "%", "定量"],
                    &["产出指标", "数量指标", "安排金额", "28.8万元", "%", "定量"],
                    &[
                        "效益指标",
                        "社会效益指标",
                        "运转保障",
                        "应保尽保",
                        "%",
                        "定性",
                    ],
                ],
                merges: &[],
            },
        )],
    );
    let form = department_form(one(&path));
    let values: Vec<&str> = form
        .indicators
        .iter()
        .map(|i| i.annual_value.text.as_str())
        .collect();
    assert_eq!(values, ["100%", "28.8万元", "应保尽保"]);
    assert_eq!(form.indicators[2].value_type.as_deref(), Some("定性"));

    let path = workbook(
        dir.path(),
        "c3b.xlsx",
        &[(
            "Sheet1",
            Sheet {
                rows: &[
                    &["部门名称", "某局"],
                    &[
                        "一级指标",
                        "二级指标",
                        "三级指标",
                        "指标性质",
                        "指标值",
                        "计量单位",
                    ],
                    &["产出指标", "数量指标", "安排金额", "定量", "28.8", "万元"],
                ],
                merges: &[],
            },
        )],
    );
    let form = department_form(one(&path));
    assert_eq!(form.indicators[0].annual_value.text, "28.8万元");
}

/// 4. Footers, template placeholders and a repeated header row are not indicators.
#[test]
fn class4_the_table_ends_at_its_footer_and_skips_placeholders() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = workbook(
        dir.path(),
        "c4.xlsx",
        &[(
            "Sheet1",
            Sheet {
                rows: &[
                    &["部门名称", "某局"],
                    HEADER,
                    &["产出指标", "数量指标", "指标1:培训人次", "≥100人次"],
                    &["", "", "指标2:", ""],
                    &["", "", "……", ""],
                    &["", "质量指标", "指标1:/", "/"],
                    HEADER,
                    &["效益指标", "社会效益指标", "群众知晓率", "≥90%"],
                    &["合计", "", "", ""],
                    &["评价结论", "优", "", ""],
                    &["存在问题", "无", "", ""],
                    &["改进措施", "无", "", ""],
                    &["注:1.一级指标分值统一设置。", "", "", ""],
                    &["填表人:张三", "", "项目负责人:李四", ""],
                ],
                merges: &[],
            },
        )],
    );
    let form = department_form(one(&path));
    let names: Vec<&str> = form.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["指标1:培训人次", "群众知晓率"]);
}

/// 5\. The department from the right cell: inline `label:value`; a blank 主管部门 is blank,
/// not the next label; the flat export's 单位名称 column.
#[test]
fn class5_the_department_comes_from_the_right_cell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = workbook(
        dir.path(),
        "c5.xlsx",
        &[(
            "Sheet1",
            Sheet {
                rows: &[
                    &["部门(单位)名称:岳阳市某中心"],
                    &["年度总体绩效目标", "做好认定工作。"],
                    HEADER,
                    &["产出指标", "数量指标", "认定件数", "≥50件"],
                ],
                merges: &[],
            },
        )],
    );
    assert_eq!(department_form(one(&path)).department, "岳阳市某中心");

    let path = workbook(
        dir.path(),
        "c5b.xlsx",
        &[(
            "Sheet1",
            Sheet {
                rows: &[
                    &["项目支出绩效自评表"],
                    &["项目名称", "", "防汛经费"],
                    &["主管部门", "", "", "实施单位", "某市水利局"],
                    &[
                        "",
                        "一级指标",
                        "二级指标",
                        "三级指标",
                        "年度指标值",
                        "实际完成值",
                    ],
                    &["", "产出指标", "数量指标", "完成项目数", "1", "1"],
                ],
                merges: &[],
            },
        )],
    );
    match one(&path) {
        Document::SelfEvaluation(form) => {
            assert_eq!(form.department, "");
            assert_eq!(form.unit, "某市水利局");
            assert_eq!(form.name, "防汛经费");
        }
        other => panic!("{other:#?}"),
    }

    let path = workbook(
        dir.path(),
        "c5c.xlsx",
        &[(
            "Sheet1",
            Sheet {
                rows: &[
                    &[
                        "单位名称",
                        "项目名称",
                        "预算数",
                        "年度目标",
                        "一级指标",
                        "二级指标",
                        "三级指标",
                        "指标性质",
                        "指标值",
                        "度量单位",
                    ],
                    &[
                        "001-某镇人民政府",
                        "道路养护",
                        "5000",
                        "养护道路",
                        "产出指标",
                        "数量指标",
                        "养护里程",
                        "≥",
                        "10",
                        "公里",
                    ],
                ],
                merges: &[],
            },
        )],
    );
    match one(&path) {
        Document::Project(form) => {
            assert_eq!(form.project.department, "某镇人民政府");
            assert_eq!(form.project.name, "道路养护");
            assert_eq!(form.indicators[0].annual_value.text, "≥10公里");
        }
        other => panic!("{other:#?}"),
    }
}

/// 6. Goal labels of real forms are known; goal sub-headers are not goals.
#[test]
fn class6_goal_labels_and_sub_headers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = workbook(
        dir.path(),
        "c6.xlsx",
        &[(
            "Sheet1",
            Sheet {
                rows: &[
                    &["项目名称", "农村饮水安全"],
                    &["实施期绩效目标", "三年内解决饮水安全。"],
                    &["项目年度目标", "本年完成10个村。"],
                    HEADER,
                    &["产出指标", "数量指标", "完成村数", "10个"],
                ],
                merges: &[],
            },
        )],
    );
    match one(&path) {
        Document::Project(form) => {
            assert_eq!(form.goals.overall, ["三年内解决饮水安全。"]);
            assert_eq!(form.goals.annual, ["本年完成10个村。"]);
        }
        other => panic!("{other:#?}"),
    }

    let path = workbook(
        dir.path(),
        "c6b.xlsx",
        &[(
            "Sheet1",
            Sheet {
                rows: &[
                    &["项目支出绩效自评表"],
                    &["项目名称", "防汛经费"],
                    &["年度总体目标完成情况", "预期目标", "实际完成情况"],
                    &["", "完成防汛工作。", "已完成。"],
                    &[
                        "一级指标",
                        "二级指标",
                        "三级指标",
                        "年度指标值",
                        "实际完成值",
                    ],
                    &["产出指标", "数量指标", "完成项目数", "1", "1"],
                ],
                merges: &[],
            },
        )],
    );
    match one(&path) {
        Document::SelfEvaluation(form) => {
            assert_eq!(form.goals.planned, ["完成防汛工作。"]);
            assert_eq!(form.goals.achieved, ["已完成。"]);
        }
        other => panic!("{other:#?}"),
    }
}

/// 7\. Target headers of real forms; the self-evaluation's columns go to their own fields, also
/// when 分值 stands before the target.
#[test]
fn class7_target_and_self_evaluation_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    for target in [
        "指标值及单位",
        "年初目标值(A)",
        "当年预期实现值",
        "目标值",
        "*指标值",
    ] {
        let header: &[&str] = &["一级指标", "二级指标", "三级指标", target];
        let path = workbook(
            dir.path(),
            "c7.xlsx",
            &[(
                "Sheet1",
                Sheet {
                    rows: &[
                        &["部门名称", "某局"],
                        header,
                        &["产出指标", "数量指标", "培训人次", "≥100人次"],
                    ],
                    merges: &[],
                },
            )],
        );
        let form = department_form(one(&path));
        assert_eq!(form.indicators[0].annual_value.text, "≥100人次", "{target}");
    }
    let path = workbook(
        dir.path(),
        "c7b.xlsx",
        &[(
            "Sheet1",
            Sheet {
                rows: &[
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
                ],
                merges: &[],
            },
        )],
    );
    match one(&path) {
        Document::SelfEvaluation(form) => {
            let i = &form.indicators[0];
            assert_eq!(i.annual_value.text, "≥100人次");
            assert_eq!(i.actual_value.text, "96人次");
            assert_eq!(i.weight.map(|d| d.to_string()).as_deref(), Some("20"));
            assert_eq!(i.score.map(|d| d.to_string()).as_deref(), Some("18"));
            assert_eq!(i.deviation, "天气原因");
        }
        other => panic!("{other:#?}"),
    }
}

/// 8\. Money outside the Guangzhou block: 资金总额 / 其中:财政拨款 in 元; 250万 as 万元; a
/// self-evaluation's 年初预算 / 调整后预算数 / 预算执行数.
#[test]
fn class8_money_blocks_of_other_forms_with_their_unit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = workbook(
        dir.path(),
        "c8.xlsx",
        &[(
            "Sheet1",
            Sheet {
                rows: &[
                    &["项目支出绩效目标申报表"],
                    &["金额单位:元"],
                    &["项目名称", "道路养护"],
                    &["资金总额", "1,000,000.00"],
                    &["其中:财政拨款", "800,000.00"],
                    &["其他资金", "200,000.00"],
                    HEADER,
                    &["产出指标", "数量指标", "养护里程", "≥10公里"],
                ],
                merges: &[],
            },
        )],
    );
    match one(&path) {
        Document::Project(form) => {
            assert_eq!(form.funds.unit, "元");
            assert_eq!(
                form.funds.total.map(|d| d.to_string()).as_deref(),
                Some("1000000.00")
            );
            assert_eq!(
                form.funds.fiscal.map(|d| d.to_string()).as_deref(),
                Some("800000.00")
            );
            assert_eq!(
                form.funds.other.map(|d| d.to_string()).as_deref(),
                Some("200000.00")
            );
        }
        other => panic!("{other:#?}"),
    }
    let path = workbook(
        dir.path(),
        "c8b.xlsx",
        &[(
            "Sheet1",
            Sheet {
                rows: &[
                    &["项目名称", "道路养护"],
                    &["年度本级预算金额", "250万"],
                    HEADER,
                    &["产出指标", "数量指标", "养护里程", "≥10公里"],
                ],
                merges: &[],
            },
        )],
    );
    match one(&path) {
        Document::Project(form) => {
            assert_eq!(form.funds.unit, "万元");
            assert_eq!(
                form.funds.total.map(|d| d.to_string()).as_deref(),
                Some("250")
            );
        }
        other => panic!("{other:#?}"),
    }
    let path = workbook(
        dir.path(),
        "c8c.xlsx",
        &[(
            "Sheet1",
            Sheet {
                rows: &[
                    &["项目支出绩效自评表"],
                    &[
                        "项目资金(万元)",
                        "",
                        "年初预算",
                        "调整后预算数",
                        "预算执行数",
                        "分值",
                        "执行率",
                        "得分",
                    ],
                    &["", "年度资金总额", "100", "120", "108", "10", "90%", "9"],
                    &[
                        "一级指标",
                        "二级指标",
                        "三级指标",
                        "年度指标值",
                        "实际完成值",
                    ],
                    &["产出指标", "数量指标", "完成项目数", "1", "1"],
                ],
                merges: &[(1, 0, 2, 0)],
            },
        )],
    );
    match one(&path) {
        Document::SelfEvaluation(form) => {
            let e = &form.budget_execution;
            let s = |d: Option<rust_decimal::Decimal>| d.map(|d| d.to_string());
            assert_eq!(
                (
                    s(e.initial),
                    s(e.adjusted),
                    s(e.executed),
                    s(e.rate),
                    s(e.score)
                ),
                (
                    Some("100".into()),
                    Some("120".into()),
                    Some("108".into()),
                    Some("90".into()),
                    Some("9".into())
                )
            );
        }
        other => panic!("{other:#?}"),
    }
}

/// 9. Template placeholders left as values are unfilled: check says so, at the cell.
#[test]
fn class9_placeholder_values_are_reported_at_their_cell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = workbook(
        dir.path(),
        "c9.xlsx",
        &[(
            "Sheet1",
            Sheet {
                rows: &[
                    &["部门名称", "某局"],
                    HEADER,
                    &["产出指标", "数量指标", "培训人次", "≥**人次"],
                    &["产出指标", "数量指标", "服务人数", "**人"],
                    &["产出指标", "质量指标", "合格率", "XX"],
                ],
                merges: &[],
            },
        )],
    );
    let out = crate::common::jixiao(&["check".as_ref(), path.as_os_str()]);
    let text = String::from_utf8_lossy(&out.stdout);
    let places: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("indicators.placeholder_value"))
        .collect();
    assert_eq!(places.len(), 3, "{text}");
    assert!(places[0].contains("Sheet1!D3"), "{text}");
    assert!(places[2].contains("Sheet1!D5"), "{text}");
    assert_eq!(out.status.code(), Some(1));
}

/// 10. Split sign | number | unit cells keep the budget system's three fields.
#[test]
fn class10_split_cells_are_a_comparison_not_a_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = workbook(
        dir.path(),
        "c10.xlsx",
        &[(
            "Sheet1",
            Sheet {
                rows: &[
                    &["部门名称", "某局"],
                    &[
                        "一级指标",
                        "二级指标",
                        "三级指标",
                        "指标性质",
                        "指标值",
                        "度量单位",
                    ],
                    &["产出指标", "时效指标", "完成时限", "≤", "4", "月"],
                ],
                merges: &[],
            },
        )],
    );
    let form = department_form(one(&path));
    let json = serde_json::to_value(&form.indicators[0].annual_value).expect("json");
    assert_eq!(json["text"], "≤4月");
    assert_eq!(json["kind"], "comparison");
    assert_eq!(json["op"], "<=");
    assert_eq!(json["value"], "4");
    assert_eq!(json["unit"], "月");
}

/// `--kind` overrides the detection; a workbook with one sheet per department reads as an
/// array.
#[test]
fn kind_override_and_one_form_per_sheet() {
    let dir = tempfile::tempdir().expect("tempdir");
    const A: &[&[&str]] = &[
        &["部门名称", "甲局"],
        HEADER,
        &["产出指标", "数量指标", "培训人次", "≥100人次"],
    ];
    const B: &[&[&str]] = &[
        &["部门名称", "乙局"],
        HEADER,
        &["产出指标", "数量指标", "培训人次", "≥100人次"],
    ];
    let dept = |rows: &'static [&'static [&'static str]]| Sheet { rows, merges: &[] };
    let path = workbook(
        dir.path(),
        "many.xlsx",
        &[
            (
                "目录",
                Sheet {
                    rows: &[&["一、甲局"], &["二、乙局"]],
                    merges: &[],
                },
            ),
            ("甲局", dept(A)),
            ("乙局", dept(B)),
        ],
    );
    let docs = read(&path);
    let names: Vec<&str> = docs.iter().map(Document::display_name).collect();
    assert_eq!(names, ["甲局", "乙局"]);
    let options = ImportOptions {
        kind: Some(DocumentKind::Project),
        ..ImportOptions::default()
    };
    let docs = open_documents(&path, &options).expect("imports");
    assert!(docs
        .iter()
        .all(|d| d.document.kind() == DocumentKind::Project));
    let out = crate::common::jixiao(&[
        "import".as_ref(),
        path.as_os_str(),
        "--kind".as_ref(),
        "project".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json[0]["format"], "jixiao/project-form@1");
}
