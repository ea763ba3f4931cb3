//! Loading the label files into sorted tables, shared by the build script (which writes them
//! into the binary as Rust data, so that no TOML is parsed at run time) and by the unit tests.
//! The build script normalises every label and synonym with the function the reader applies
//! to each cell (`normalize.rs`).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::normalize::normalize;

/// The label groups: (table name in the files, `Group` variant, name of the generated enum of
/// its labels), in `Group::ALL`'s order.
pub const GROUPS: [(&str, &str, &str); 15] = [
    ("section", "Section", "SectionLabel"),
    ("basic_info", "BasicInfo", "BasicInfoLabel"),
    ("budget", "Budget", "BudgetLabel"),
    ("budget_headers", "BudgetHeaders", "BudgetHeaderLabel"),
    ("key_task_columns", "KeyTaskColumns", "KeyTaskColumnLabel"),
    (
        "indicator_columns",
        "IndicatorColumns",
        "IndicatorColumnLabel",
    ),
    ("table_end", "TableEnd", "TableEndLabel"),
    ("project", "Project", "ProjectLabel"),
    ("funds", "Funds", "FundsLabel"),
    ("project_goals", "ProjectGoals", "ProjectGoalLabel"),
    ("flat_columns", "FlatColumns", "FlatColumnLabel"),
    ("evaluation", "Evaluation", "EvaluationLabel"),
    ("execution", "Execution", "ExecutionLabel"),
    ("evaluation_goals", "EvaluationGoals", "EvaluationGoalLabel"),
    ("evaluation_end", "EvaluationEnd", "EvaluationEndLabel"),
];

/// The groups every single file must hold (the department form's and the shared ones); a
/// lone test file need not carry the other kinds' groups.
const GROUPS_OF_THE_FIRST_FILE: usize = 6;

#[derive(Deserialize)]
struct LabelEntry {
    label: String,
    #[serde(default)]
    synonyms: Vec<String>,
}

#[derive(Deserialize)]
struct Traditional {
    pairs: Vec<String>,
}

#[derive(Deserialize)]
struct LabelsFile {
    #[serde(flatten)]
    groups: BTreeMap<String, toml::Table>,
    traditional: Option<Traditional>,
}

/// The label files as sorted tables.
pub struct Tables {
    /// Traditional → simplified, sorted by the traditional character.
    pub traditional: Vec<(char, char)>,
    /// (group index, key, canonical label), in each group the file's order.
    pub canonical: Vec<(usize, String, String)>,
    /// Normalised label or synonym → every (group index, key) it names, groups in order.
    pub by_text: BTreeMap<String, Vec<(usize, String)>>,
}

/// Loads the label files; every group must be in exactly one of them, and the first file
/// holds the traditional characters.
pub fn load(files: &[(&str, &str)]) -> Result<Tables, String> {
    let mut parsed = Vec::with_capacity(files.len());
    for (name, text) in files {
        let file: LabelsFile = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
        parsed.push((*name, file));
    }
    let mut traditional = Vec::new();
    let pairs = parsed
        .first()
        .and_then(|(_, f)| f.traditional.as_ref())
        .ok_or_else(|| "missing table [traditional]".to_string())?;
    for pair in &pairs.pairs {
        let mut chars = pair.chars();
        match (chars.next(), chars.next(), chars.next()) {
            (Some(t), Some(s), None) => traditional.push((t, s)),
            _ => return Err(format!("traditional pair {pair:?} is not two characters")),
        }
    }
    traditional.sort_unstable();
    if let Some(w) = traditional.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(format!("traditional character {} is listed twice", w[0].0));
    }
    let mut tables = Tables {
        traditional,
        canonical: Vec::new(),
        by_text: BTreeMap::new(),
    };
    for (group, (table_name, _, _)) in GROUPS.iter().enumerate() {
        let found: Vec<&toml::Table> = parsed
            .iter()
            .filter_map(|(_, f)| f.groups.get(*table_name))
            .collect();
        let table = match found.as_slice() {
            [table] => *table,
            [] if parsed.len() == 1 && group >= GROUPS_OF_THE_FIRST_FILE => continue,
            [] => return Err(format!("missing table [{table_name}]")),
            _ => return Err(format!("table [{table_name}] is defined twice")),
        };
        for (key, value) in table {
            let entry: LabelEntry = value
                .clone()
                .try_into()
                .map_err(|e| format!("[{table_name}].{key}: {e}"))?;
            for text in std::iter::once(&entry.label).chain(&entry.synonyms) {
                let normal = normalize(text, &tables.traditional);
                let named = tables.by_text.entry(normal.clone()).or_default();
                match named.iter().find(|(g, _)| *g == group) {
                    Some((_, other)) if other != key => {
                        return Err(format!(
                            "[{table_name}]: {text:?} normalises to {normal:?}, already used by {other}"
                        ));
                    }
                    Some(_) => {}
                    None => named.push((group, key.clone())),
                }
            }
            tables.canonical.push((group, key.clone(), entry.label));
        }
    }
    Ok(tables)
}
