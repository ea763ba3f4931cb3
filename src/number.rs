//! Numbers as people read them.

/// Groups the integer digits of a decimal number by thousands, as Excel's `#,##0` shows them.
///
/// ```
/// use jixiao::number::group_thousands;
///
/// assert_eq!(group_thousands("218602.50"), "218,602.50");
/// assert_eq!(group_thousands("-1234567"), "-1,234,567");
/// assert_eq!(group_thousands("100"), "100");
/// ```
pub fn group_thousands(number: &str) -> String {
    let (sign, digits) = match number.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", number),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut grouped = String::with_capacity(number.len() + int.len() / 3 + 1);
    grouped.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if let Some(f) = frac {
        grouped.push('.');
        grouped.push_str(f);
    }
    grouped
}
