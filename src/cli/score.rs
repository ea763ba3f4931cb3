//! `jixiao score FILE... [--format human|json] [-o OUT.xlsx] [--sheet NAME]`
//!
//! Scores 绩效自评表 by the rules of templates/scoring.toml: per indicator row the score computed
//! from 年度指标值 and 实际完成值 beside the one written on the form, the budget-execution score,
//! the total and the grade.

use std::path::{Path, PathBuf};

use jixiao::error::exit;
use jixiao::model::{Document, DocumentKind, Provenance, SelfEvaluation};
use jixiao::read::{open_documents, ImportOptions};
use jixiao::score::{self, rules, score_self_evaluation, Scorecard};
use jixiao::write::name_output;

const ABOUT: &str = "Score self-evaluations (绩效自评表): computed beside written";

const LONG_ABOUT: &str =
    "Score self-evaluations (绩效自评表) by the rules of templates/scoring.toml.

Per indicator row, the score the rules give from 年度指标值 (target) and 实际完成值 (actual),
beside the score written on the form; the budget-execution score (分值 × min(执行率, 1)); the
total (rescaled when rows are 不适用) and its grade (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差).
Rows no rule can score are named; the total then uses their written score and says so.

Exit codes: 0 scored, 3 a file cannot be read or is not a self-evaluation (the others are
still scored), 4 the -o file cannot be written.";

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Chinese text, one line per part, differences marked ≠.
    Human,
    /// jixiao/score@1 (an array of them, each with its "file", for several files).
    Json,
}

#[derive(clap::Args)]
#[command(about = ABOUT, long_about = LONG_ABOUT)]
pub struct Args {
    /// Self-evaluations: spreadsheets (xlsx, xls, ods) or jixiao/self-evaluation@1 JSON.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also write the scores as a printable xlsx (written vs computed, differences marked).
    #[arg(short, long, value_name = "OUT.xlsx")]
    output: Option<PathBuf>,
    /// Read this sheet instead of searching for the one that holds the form.
    #[arg(long)]
    sheet: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    if let Some(output) = &args.output {
        for input in &args.files {
            jixiao::io::ensure_not_input(output, input)?;
        }
    }
    let options = ImportOptions {
        sheet: args.sheet.clone(),
        ..ImportOptions::default()
    };
    let rules = rules();
    let mut cards: Vec<(String, Scorecard)> = Vec::new();
    let mut failed = false;
    for path in &args.files {
        match load(path, &options) {
            Ok(found) => {
                let several = found.len() > 1;
                for (n, (evaluation, cells)) in found.iter().enumerate() {
                    let mut name = path.display().to_string();
                    if several {
                        name = format!("{name}#{}", n + 1);
                    }
                    cards.push((name, score_self_evaluation(rules, evaluation, cells)));
                }
            }
            Err(err) => {
                failed = true;
                eprintln!("jixiao: {err:#}");
            }
        }
    }
    let text = match args.format {
        Format::Json => score::json(rules, &cards),
        Format::Human => cards
            .iter()
            .map(|(file, card)| score::human(rules, file, card))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    if !cards.is_empty() || args.format == Format::Json {
        super::emit(None, text.as_bytes())?;
    }
    if let Some(output) = &args.output {
        let bytes = jixiao::write::score_xlsx(rules, &cards).map_err(|e| name_output(e, output))?;
        super::emit(Some(output), &bytes)?;
    }
    Ok(if failed { exit::INPUT } else { exit::OK })
}

/// The self-evaluations `path` holds, with their cells; anything else is an input error.
fn load(path: &Path, options: &ImportOptions) -> anyhow::Result<Vec<(SelfEvaluation, Provenance)>> {
    let documents = open_documents(path, options)?;
    let mut found = Vec::new();
    let mut other = None;
    for imported in documents {
        match imported.document {
            Document::SelfEvaluation(evaluation) => found.push((evaluation, imported.cells)),
            document => other = Some(document.kind()),
        }
    }
    match (found.is_empty(), other) {
        (false, _) => Ok(found),
        (true, Some(kind)) => Err(jixiao::Error::not_the_form(
            path,
            jixiao::t!(
                "score.not_self_evaluation",
                kind = kind.title(),
                expected = DocumentKind::SelfEvaluation.title()
            ),
        )
        .into()),
        (true, None) => Err(jixiao::Error::not_the_form(
            path,
            jixiao::t!(
                "score.none",
                expected = DocumentKind::SelfEvaluation.title()
            ),
        )
        .into()),
    }
}

/// `jixiao template --self-evaluation --from APPROVED -o OUT.xlsx [--protect]`: the pre-filled
/// 自评表 for the approved form's first document.
pub(crate) fn template(from: &Path, output: &Path, protect: bool) -> anyhow::Result<u8> {
    use jixiao::write::{export_self_evaluation, self_evaluation_from, SelfEvaluationOptions};
    jixiao::io::ensure_not_input(output, from)?;
    let documents = open_documents(from, &ImportOptions::default())?;
    let Some(approved) = documents.first() else {
        return Err(jixiao::Error::not_the_form(from, jixiao::t!("score.no_approved_form")).into());
    };
    let evaluation = self_evaluation_from(&approved.document);
    let options = SelfEvaluationOptions {
        template: true,
        protect,
    };
    let bytes =
        export_self_evaluation(&evaluation, &options).map_err(|e| name_output(e, output))?;
    super::emit(Some(output), &bytes)?;
    Ok(exit::OK)
}
