//! Pairs of forms for timing `diff` at size: a scaled seed form (see `scaled.rs`) and a second
//! version of it with one mix of changes applied to every row or to a realistic share of them.

use jixiao::model::Form;
use jixiao::value::parse;

/// The mixes of changes, by name.
pub const MIXES: [&str; 6] = [
    "same",
    "values",
    "renamed",
    "moved",
    "replaced",
    "resubmission",
];

/// `old` changed by `mix`: `same` (nothing), `values` (every annual value), `renamed` (every
/// name gets a suffix), `moved` (every indicator to another 二级), `replaced` (every name
/// unrelated to the old: all removed and added), `resubmission` (of every 50 rows: one renamed,
/// one value changed, one removed, one inserted, one rewritten in another notation; one in 100
/// moved). None for an unknown mix.
pub fn changed(old: &Form, mix: &str) -> Option<Form> {
    let mut new = old.clone();
    match mix {
        "same" => {}
        "values" => {
            for (i, indicator) in new.indicators.iter_mut().enumerate() {
                indicator.annual_value = parse(&format!("≥{}个", i + 1));
            }
        }
        "renamed" => {
            for indicator in &mut new.indicators {
                indicator.name.push_str("（调整）");
            }
        }
        "moved" => {
            for indicator in &mut new.indicators {
                indicator.level2.push_str("（调整）");
            }
        }
        "replaced" => {
            for (i, indicator) in new.indicators.iter_mut().enumerate() {
                indicator.name = format!("替换后的第{i}项");
            }
        }
        "resubmission" => {
            let mut rows = Vec::with_capacity(new.indicators.len());
            for (i, mut indicator) in new.indicators.into_iter().enumerate() {
                match i % 50 {
                    0 => indicator.name.push_str("（调整）"),
                    1 => indicator.annual_value = parse("≥1个"),
                    2 => continue,
                    3 => {
                        let mut inserted = indicator.clone();
                        inserted.name = format!("新增指标{i}");
                        rows.push(inserted);
                    }
                    4 if i % 100 == 4 => indicator.level2.push_str("（调整）"),
                    5 => {
                        let text = indicator.annual_value.text.replace('≥', ">=");
                        indicator.annual_value = parse(&text);
                    }
                    _ => {}
                }
                rows.push(indicator);
            }
            new.indicators = rows;
        }
        _ => return None,
    }
    Some(new)
}
