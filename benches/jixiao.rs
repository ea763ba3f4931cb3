//! Criterion benches: import, export, the value parser over the real corpus, check, and the
//! scaling of import and export with the number of indicators.
//!
//! ```sh
//! cargo bench --bench jixiao                 # everything
//! cargo bench --bench jixiao -- scaling      # only the scaling group
//! cargo bench --bench jixiao -- diff         # diff at each size and mix of changes
//! cargo bench --bench jixiao -- score        # score at 100 / 1,000 / 10,000 rows
//! cargo bench --bench jixiao -- realworld    # import of the real forms of every kind
//! ```
//!
//! Measurement times are short on purpose: the machine this runs on has two shared cores.
//! Scaled inputs are written to a temporary directory: ours by [`export_xlsx`], the legacy-style
//! ones by `samples/make_samples.py --scaled N` (openpyxl) when `JIXIAO_LEGACY_SCALED_DIR` names
//! a directory holding `legacy-N.xlsx` (bench/compare.sh makes them).

#[path = "support/diff_mixes.rs"]
mod diff_mixes;
#[path = "support/scaled.rs"]
mod scaled;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use jixiao::check::check;
use jixiao::diff::diff;
use jixiao::model::Provenance;
use jixiao::read::{open, open_documents, ImportOptions};
use jixiao::score::{rules, score, ExecutionInput, Row, ScoreInput};
use jixiao::value::{compose_split, parse, split_roles};
use jixiao::write::{export_xlsx, ExportOptions};

const CORPUS: &str = include_str!("../tests/data/real-indicator-values.tsv");
const SIZES: [usize; 3] = [100, 1_000, 10_000];

fn seed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/seed-legacy.xlsx")
}

/// The corpus's value column as a person would have written it (split cells recomposed).
fn corpus_texts() -> Vec<String> {
    CORPUS
        .lines()
        .skip(1)
        .map(|line| line.split('\t').next().unwrap_or(""))
        .map(|raw| {
            if !raw.contains(" | ") {
                return raw.to_string();
            }
            let cells: Vec<&str> = raw.split(" | ").collect();
            match split_roles(&cells) {
                Some(r) => compose_split(r.sign, r.number, r.unit),
                None => raw.to_string(),
            }
        })
        .collect()
}

fn single_form(c: &mut Criterion) {
    let path = seed_path();
    let options = ImportOptions::default();
    let imported = open(&path, &options).expect("the seed sample imports");
    let mut group = c.benchmark_group("seed");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("import seed-legacy.xlsx", |b| {
        b.iter(|| open(black_box(&path), &options).expect("imports"))
    });
    group.bench_function("export", |b| {
        b.iter(|| export_xlsx(black_box(&imported.form), &ExportOptions::default()).expect("ok"))
    });
    group.bench_function("check", |b| {
        b.iter(|| check(black_box(&imported.form), black_box(&imported.cells)))
    });
    let texts = corpus_texts();
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("parse real-values corpus", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(parse(black_box(t)));
            }
        })
    });
    group.finish();
}

fn scaling(c: &mut Criterion) {
    let seed = open(&seed_path(), &ImportOptions::default())
        .expect("the seed sample imports")
        .form;
    let dir = tempfile::tempdir().expect("temp dir");
    let legacy_dir = std::env::var_os("JIXIAO_LEGACY_SCALED_DIR").map(PathBuf::from);
    let mut group = c.benchmark_group("scaling");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for n in SIZES {
        let form = scaled::scaled_form(&seed, n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("export", n), &form, |b, form| {
            b.iter(|| export_xlsx(black_box(form), &ExportOptions::default()).expect("ok"))
        });
        let ours = dir.path().join(format!("ours-{n}.xlsx"));
        let bytes = export_xlsx(&form, &ExportOptions::default()).expect("exports");
        std::fs::write(&ours, bytes).expect("written");
        group.bench_with_input(BenchmarkId::new("import ours", n), &ours, |b, p| {
            b.iter(|| open(black_box(p), &ImportOptions::default()).expect("imports"))
        });
        if let Some(legacy) = legacy_dir
            .as_ref()
            .map(|d| d.join(format!("legacy-{n}.xlsx")))
        {
            if legacy.exists() {
                group.bench_with_input(BenchmarkId::new("import legacy", n), &legacy, |b, p| {
                    b.iter(|| open(black_box(p), &ImportOptions::default()).expect("imports"))
                });
            }
        }
    }
    group.finish();
}

/// `diff` of a scaled form against a changed copy, for each mix of changes, at each size.
fn diff_scaling(c: &mut Criterion) {
    let seed = open(&seed_path(), &ImportOptions::default())
        .expect("the seed sample imports")
        .form;
    let mut group = c.benchmark_group("diff");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    let none = Provenance::new();
    for n in SIZES {
        let old = scaled::scaled_form(&seed, n);
        group.throughput(Throughput::Elements(n as u64));
        for mix in diff_mixes::MIXES {
            let new = diff_mixes::changed(&old, mix).expect("a known mix");
            group.bench_with_input(BenchmarkId::new(mix, n), &new, |b, new| {
                b.iter(|| diff(black_box(&old), &none, black_box(new), &none))
            });
        }
    }
    group.finish();
}

/// `score` of a self-evaluation with 100, 1,000 and 10,000 indicator rows: targets and actuals
/// from the real corpus (each row's actual is the next row's target, so every kind of value and
/// every rule meets every other).
fn score_scaling(c: &mut Criterion) {
    let values: Vec<_> = corpus_texts().iter().map(|t| parse(t)).collect();
    let mut group = c.benchmark_group("score");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for n in SIZES {
        let rows: Vec<Row<'_>> = (0..n)
            .map(|i| Row {
                level1: "产出指标",
                level2: "数量指标",
                name: "指标",
                weight: Some(rust_decimal::Decimal::new(90, 0) / rust_decimal::Decimal::from(n)),
                target: &values[i % values.len()],
                actual: &values[(i + 1) % values.len()],
                ..Row::default()
            })
            .collect();
        let input = ScoreInput {
            execution: ExecutionInput {
                weight: Some(rust_decimal::Decimal::TEN),
                adjusted: Some(rust_decimal::Decimal::new(880, 0)),
                executed: Some(rust_decimal::Decimal::new(792, 0)),
                ..ExecutionInput::default()
            },
            rows,
            ..ScoreInput::default()
        };
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("rows", n), &input, |b, input| {
            b.iter(|| score(rules(), black_box(input)))
        });
    }
    group.finish();
}

/// Import of each real form of the new kinds (project forms, self-evaluations) in
/// tests/data/realworld.
fn real_forms(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/realworld");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "xlsx"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut group = c.benchmark_group("realworld");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for path in &files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        group.bench_with_input(
            BenchmarkId::new("import", name.unwrap_or_default()),
            path,
            |b, p| {
                b.iter(|| open_documents(black_box(p), &ImportOptions::default()).expect("imports"))
            },
        );
    }
    group.finish();
}

criterion_group!(
    benches,
    single_form,
    scaling,
    diff_scaling,
    score_scaling,
    real_forms
);
criterion_main!(benches);
