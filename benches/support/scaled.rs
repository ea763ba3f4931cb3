//! Scaled copies of the seed form for timing: the seed's indicators repeated in order, names
//! numbered `（2）`, `（3）`… after the first cycle — the same rule as
//! `samples/make_samples.py --scaled N`, so the two writers' files hold the same form.

use jixiao::model::Form;

/// `seed` with exactly `n` indicator rows, cycling through the seed's own.
pub fn scaled_form(seed: &Form, n: usize) -> Form {
    let base = &seed.indicators;
    assert!(!base.is_empty(), "the seed form has indicators");
    let mut form = seed.clone();
    form.indicators = (0..n)
        .map(|i| {
            let mut indicator = base[i % base.len()].clone();
            if i >= base.len() {
                indicator.name = format!("{}（{}）", indicator.name, i / base.len() + 1);
            }
            indicator
        })
        .collect();
    form
}
