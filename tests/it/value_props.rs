//! Properties of the value notation: structured values survive render → parse, and parse never
//! panics and always keeps its text.

use jixiao::value::{
    parse, render, Comparison, Deadline, Direction, IndicatorValue, Op, Period, Qualitative, Range,
    Scaled, Target, ValueKind,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Units that are units, each with the multiplier it starts with (if any): `(unit, factor, rest)`.
/// 万件(册) carries its one-character parenthetical; 百分比 and 千克 are not multipliers.
const UNITS: &[(&str, u64, &str)] = &[
    ("", 1, ""),
    ("家", 1, ""),
    ("家次", 1, ""),
    ("个", 1, ""),
    ("%", 1, ""),
    ("‰", 1, ""),
    ("倍", 1, ""),
    ("人", 1, ""),
    ("天", 1, ""),
    ("小时", 1, ""),
    ("年", 1, ""),
    ("年底", 1, ""),
    ("年度", 1, ""),
    ("个工作日", 1, ""),
    ("微克/立方米", 1, ""),
    ("元/人*月", 1, ""),
    ("次/月", 1, ""),
    ("M", 1, ""),
    ("km", 1, ""),
    ("m2", 1, ""),
    ("百分比", 1, ""),
    ("千克", 1, ""),
    ("万台", 10_000, "台"),
    ("万元", 10_000, "元"),
    ("亿元", 100_000_000, "元"),
    ("千元", 1_000, "元"),
    ("百万元", 1_000_000, "元"),
    ("万件(册)", 10_000, "件(册)"),
];

const OPS: [Op; 6] = [Op::Ge, Op::Gt, Op::Eq, Op::Lt, Op::Le, Op::About];

fn decimal(max_mantissa: i64, allow_negative: bool) -> impl Strategy<Value = Decimal> {
    let low = if allow_negative { -max_mantissa } else { 0 };
    (low..=max_mantissa, 0u32..=4).prop_map(|(m, scale)| Decimal::new(m, scale))
}

/// Numbers, often year-like (`2023`), which with 年 are the notation's hardest case.
fn comparison_number() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        3 => decimal(10_000_000, true),
        1 => (1900i64..=2100).prop_map(Decimal::from),
    ]
}

/// Notes of two or more characters (one character in parentheses belongs to the unit).
fn note() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("[以省下达通知为准新增含口径2022:90%]{2,10}")
}

fn comparison() -> impl Strategy<Value = ValueKind> {
    (
        proptest::sample::select(&OPS[..]),
        comparison_number(),
        proptest::sample::select(UNITS),
        proptest::option::of(proptest::sample::select(
            &["发展基金出资额", "上年", "目标值"][..],
        )),
        note(),
    )
        .prop_map(|(op, value, (unit, factor, rest), reference, note)| {
            let scaled = (factor > 1).then(|| Scaled {
                value: (value * Decimal::from(factor)).normalize(),
                unit: rest.to_string(),
            });
            ValueKind::Comparison(Comparison {
                op,
                value,
                unit: unit.to_string(),
                note,
                reference: reference.map(str::to_string),
                scaled,
            })
        })
}

/// Non-negative ends below 1000: `2020-2022年` is a period, not a range, by design.
fn range() -> impl Strategy<Value = ValueKind> {
    (
        decimal(99_999, false),
        decimal(99_999, false),
        proptest::sample::select(UNITS),
        note(),
    )
        .prop_map(|(min, max, (unit, _, _), note)| {
            ValueKind::Range(Range {
                min,
                max,
                unit: unit.to_string(),
                note,
            })
        })
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

fn date() -> impl Strategy<Value = (u32, u32, u32)> {
    (1990u32..=2100, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| (y, m, d.min(days_in(y, m))))
}

fn deadline() -> impl Strategy<Value = ValueKind> {
    (date(), any::<bool>(), note()).prop_map(|((y, m, d), year_unknown, note)| {
        // Without a year, February ends on the 28th.
        let d = if year_unknown {
            d.min(days_in(2001, m))
        } else {
            d
        };
        let date = if year_unknown {
            format!("--{m:02}-{d:02}")
        } else {
            format!("{y:04}-{m:02}-{d:02}")
        };
        ValueKind::Deadline(Deadline {
            op: Op::Le,
            date,
            year_unknown,
            note,
        })
    })
}

/// A date as precise as written: year, year-month or a full date.
fn period_end() -> impl Strategy<Value = String> {
    (date(), 0usize..3).prop_map(|((y, m, d), precision)| match precision {
        0 => format!("{y:04}"),
        1 => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}-{m:02}-{d:02}"),
    })
}

fn period() -> impl Strategy<Value = ValueKind> {
    (period_end(), period_end(), note())
        .prop_map(|(start, end, note)| ValueKind::Period(Period { start, end, note }))
}

fn structured() -> impl Strategy<Value = ValueKind> {
    prop_oneof![
        Just(ValueKind::Empty),
        comparison(),
        range(),
        deadline(),
        period(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn render_then_parse_keeps_the_meaning(kind in structured()) {
        let value = IndicatorValue { text: String::new(), kind };
        let text = render(&value);
        let again = parse(&text);
        prop_assert_eq!(&again.text, &text);
        prop_assert_eq!(again.kind, value.kind, "rendered as {:?}", text);
    }

    /// Qualitative values render as their text; a sentence built from thresholds reads back with
    /// those thresholds and the direction its words give.
    #[test]
    fn sentences_keep_their_targets_and_direction(
        clauses in proptest::collection::vec(
            (
                proptest::sample::select(&["服务企业数量", "孵化解决方案", "培训覆盖人数", "举办对接会"][..]),
                proptest::sample::select(&[("不少于", Op::Ge), ("不超过", Op::Le), ("约", Op::About), ("", Op::Eq), ("超过", Op::Gt)][..]),
                decimal(100_000, false),
                proptest::sample::select(&["家", "个", "场", "人", "%", "万元"][..]),
            ),
            0..5,
        ),
        direction in proptest::sample::select(&[
            ("", None),
            ("，较上年提高", Some(Direction::Increase)),
            ("，成本下降", Some(Direction::Decrease)),
            ("，保持稳定", Some(Direction::Maintain)),
        ][..]),
    ) {
        let mut text = String::from("建成公共服务平台");
        let mut targets = Vec::new();
        for (subject, (word, op), value, unit) in &clauses {
            text.push_str(&format!("，{subject}{word}{value}{unit}"));
            targets.push(Target { subject: subject.to_string(), op: *op, value: *value, unit: unit.to_string() });
        }
        text.push_str(direction.0);
        text.push('。');
        let value = IndicatorValue {
            text: text.clone(),
            kind: ValueKind::Qualitative(Qualitative { direction: direction.1, targets }),
        };
        prop_assert_eq!(render(&value), text.clone());
        prop_assert_eq!(parse(&render(&value)).kind, value.kind);
    }

    #[test]
    fn parse_never_panics_and_keeps_any_text(text in any::<String>()) {
        let value = parse(&text);
        prop_assert_eq!(&value.text, &text);
        let _ = render(&value);
    }

    /// Strings made of the notation's own characters reach the deeper branches of the parser.
    #[test]
    fn parse_never_panics_on_notation_soup(
        text in "[0-9０-９.,，;。%％≥≤≧≦<>=＝年月日号底末前内约不少于超过以上下左右万亿千百元个家的倍含期提高下降保持当本截至ma/*()（）【】:：\\-—~至季度上半 ]{0,40}"
    ) {
        let value = parse(&text);
        prop_assert_eq!(&value.text, &text);
        let rendered = render(&value);
        // The canonical form reads back to the same meaning.
        prop_assert_eq!(parse(&rendered).kind, value.kind, "rendered as {:?}", rendered);
    }
}
