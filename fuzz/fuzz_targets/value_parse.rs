//! The value parser on arbitrary text: it must not panic, must keep the text verbatim, and its
//! canonical rendering must parse again (render is total on what parse returns).
#![no_main]

use jixiao::value::{parse, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let value = parse(text);
    assert_eq!(value.text, text, "parse keeps the text verbatim");
    let rendered = render(&value);
    let _ = parse(&rendered);
});
