//! Every kind's canonical file and template prints at 100% on A4 (the self-evaluation too): the sheet's columns add up to
//! no more than the printable width of its orientation (portrait, or landscape when the
//! optional indicator columns make the grid wider), so fit-to-width never shrinks the text.
//! Read from the sheet XML (`<cols>`, `<pageSetup>`, `<pageMargins>`).

use jixiao::model::Document;
use jixiao::write::{
    document_xlsx, export_self_evaluation, project_template_xlsx, self_evaluation_from,
    template_xlsx, ExportOptions, OutputLayout, SelfEvaluationOptions, TemplateOptions,
};

use crate::export_project::project_form;
use crate::export_support::{seed_form, zip_part};

/// (orientation, sum of column widths in points as Excel draws them, printable width).
fn page_of(bytes: &[u8]) -> (String, f64, f64) {
    let sheet = zip_part(bytes, "xl/worksheets/sheet1.xml");
    let attr = |tag: &str, name: &str| -> Option<String> {
        let at = sheet.find(&format!("<{tag} "))?;
        let element = &sheet[at..at + sheet[at..].find('>')?];
        let key = format!(" {name}=\"");
        let start = element.find(&key)? + key.len();
        Some(element[start..start + element[start..].find('"')?].to_string())
    };
    let orientation = attr("pageSetup", "orientation").unwrap_or_else(|| "portrait".into());
    let margin = |side: &str| -> f64 {
        attr("pageMargins", side)
            .and_then(|m| m.parse().ok())
            .expect("margins")
    };
    let page = if orientation == "landscape" {
        841.9
    } else {
        595.3
    };
    let printable = page - 72.0 * (margin("left") + margin("right"));
    let mut total = 0.0;
    let mut rest = sheet.as_str();
    while let Some(at) = rest.find("<col ") {
        let element = &rest[at..at + rest[at..].find('>').expect("col")];
        let num = |name: &str| -> f64 {
            let key = format!(" {name}=\"");
            let start = element.find(&key).expect(name) + key.len();
            element[start..start + element[start..].find('"').expect("quote")]
                .parse()
                .expect("number")
        };
        // Excel's character width → pixels → points.
        let pixels = ((256.0 * num("width") + (128.0f64 / 7.0).trunc()) / 256.0 * 7.0).trunc();
        total += (num("max") - num("min") + 1.0) * pixels * 0.75;
        rest = &rest[at + 5..];
    }
    (orientation, total, printable)
}

#[test]
fn every_kind_and_template_fits_its_page_at_full_size() {
    let options = ExportOptions::default();
    let mut wide = seed_form();
    for (n, i) in wide.indicators.iter_mut().enumerate() {
        i.value_type = Some("定量".to_string());
        i.weight = Some(n.into());
        i.explanation = Some("按统计口径".to_string());
        i.standard = Some("完成得满分".to_string());
        i.remark = Some("无".to_string());
    }
    let mut wide_project = project_form();
    for i in &mut wide_project.indicators {
        i.standard = Some("每少1次扣1分".to_string());
        i.remark = Some("按季度考核".to_string());
    }
    let files = [
        (
            "department",
            document_xlsx(
                &Document::Department(seed_form()),
                OutputLayout::Canonical,
                &options,
            ),
        ),
        (
            "department, every optional column",
            document_xlsx(
                &Document::Department(wide),
                OutputLayout::Canonical,
                &options,
            ),
        ),
        (
            "project",
            document_xlsx(
                &Document::Project(project_form()),
                OutputLayout::Canonical,
                &options,
            ),
        ),
        (
            "project, every optional column",
            document_xlsx(
                &Document::Project(wide_project),
                OutputLayout::Canonical,
                &options,
            ),
        ),
        (
            "department template",
            template_xlsx(&TemplateOptions::default()),
        ),
        (
            "project template",
            project_template_xlsx(&TemplateOptions::default()),
        ),
    ];
    // The self-evaluation: the real Anhui one, and one made from a department form with a
    // 实施周期指标值 and a 备注 column (its widest shape), as an export and as a template.
    let anhui = jixiao::read::open_documents(
        &crate::common::root()
            .join("tests/data/realworld/05_anhui_tianchang_shuili_2022_selfeval.xlsx"),
        &jixiao::read::ImportOptions::default(),
    )
    .expect("the Anhui self-evaluation")
    .remove(0)
    .document;
    assert!(matches!(anhui, Document::SelfEvaluation(_)));
    let mut widest = self_evaluation_from(&Document::Department(seed_form()));
    for i in &mut widest.indicators {
        i.period_value = i.annual_value.clone();
        i.remark = Some("按季度考核".to_string());
    }
    let template = SelfEvaluationOptions {
        template: true,
        protect: false,
    };
    let evaluations = [
        (
            "self-evaluation",
            document_xlsx(&anhui, OutputLayout::Canonical, &options),
        ),
        (
            "self-evaluation, every optional column",
            export_self_evaluation(&widest, &SelfEvaluationOptions::default()),
        ),
        (
            "self-evaluation template",
            export_self_evaluation(&widest, &template),
        ),
    ];
    let mut orientations = Vec::new();
    for (what, bytes) in files.into_iter().chain(evaluations) {
        let bytes = bytes.expect(what);
        let (orientation, total, printable) = page_of(&bytes);
        // LibreOffice draws each column 3.75 pt wider than Excel: that too must fit.
        let columns = zip_part(&bytes, "xl/worksheets/sheet1.xml")
            .matches("<col ")
            .count();
        assert!(
            total + 3.75 * columns as f64 <= printable,
            "{what}: {total:.1} pt of columns on {printable:.1} pt ({orientation}) would print below 100%"
        );
        orientations.push((what, orientation));
    }
    assert_eq!(orientations[0].1, "portrait");
    assert_eq!(
        orientations[1].1, "landscape",
        "the wide department form turns the page"
    );
    assert_eq!(orientations[2].1, "portrait");
    for (what, orientation) in &orientations[6..] {
        assert_eq!(orientation, "landscape", "{what}");
    }
}
