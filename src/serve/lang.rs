//! The language of each answer: `?lang=zh|en`, else the `Accept-Language` header (`zh*` is
//! Chinese, `en*` English, the most preferred of the two wins), else the server's own language
//! (`jixiao serve --lang`, or the locale it was started in).
//!
//! The choice holds for everything the request runs: the handler's own messages, the library's
//! (the reader's errors, the check's diagnostics) and the work on the blocking pool
//! ([`in_lang`]). The answer says which it chose in `Content-Language`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::extract::{Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE, VARY};
use axum::http::{HeaderValue, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use super::AppState;
use crate::i18n::{self, Lang};

/// The middleware: chooses the request's language, removes `lang` from the query (so that the
/// endpoints' own queries stay strict), and runs the rest of the request in that language.
pub async fn choose(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let header = request
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(from_accept_language);
    let fallback = header.unwrap_or(state.lang);
    let asked = match take_query_lang(request.uri()) {
        Ok(Some((lang, uri))) => {
            *request.uri_mut() = uri;
            Some(lang)
        }
        Ok(None) => None,
        Err(value) => {
            let error = i18n::with_lang(fallback, || {
                ApiError::bad_request(crate::t!("serve.api.bad_lang", value = value))
            });
            return answered_in(fallback, error.into_response());
        }
    };
    let lang = asked.unwrap_or(fallback);
    let response = InLang {
        lang,
        inner: Box::pin(next.run(request)),
    }
    .await;
    answered_in(lang, response)
}

fn answered_in(lang: Lang, mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    headers.append(VARY, HeaderValue::from_static("accept-language"));
    response
}

/// The language an `Accept-Language` header prefers, of the two there are: the Chinese or
/// English range of the highest quality (the first of equals); `None` when it names neither.
pub fn from_accept_language(header: &str) -> Option<Lang> {
    let mut best: Option<(u16, Lang)> = None;
    for range in header.split(',') {
        let mut parts = range.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        let lang = if primary.eq_ignore_ascii_case("zh") {
            Lang::Zh
        } else if primary.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            continue;
        };
        let mut quality = 1000;
        for parameter in parts {
            if let Some((name, value)) = parameter.split_once('=') {
                if name.trim().eq_ignore_ascii_case("q") {
                    quality = thousandths(value.trim()).unwrap_or(0);
                }
            }
        }
        if quality > 0 && best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

/// An HTTP quality value (`1`, `0.8`, `0.125`) in thousandths; `None` when malformed.
fn thousandths(value: &str) -> Option<u16> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u16 = match whole {
        "0" => 0,
        "1" => 1000,
        _ => return None,
    };
    let digits = format!("{fraction:0<3}");
    let fraction: u16 = digits.parse().ok()?;
    let value = whole + fraction;
    (value <= 1000).then_some(value)
}

/// `?lang=…` of `uri`: the language and the URI without it; `Err(value)` for a value that is no
/// language; `Ok(None)` without one.
fn take_query_lang(uri: &Uri) -> Result<Option<(Lang, Uri)>, String> {
    let Some(query) = uri.query() else {
        return Ok(None);
    };
    let mut found = None;
    let mut rest = Vec::new();
    for pair in query.split('&') {
        match pair.split_once('=').unwrap_or((pair, "")) {
            ("lang", value) => found = Some(value.to_string()),
            _ if pair.is_empty() => {}
            _ => rest.push(pair),
        }
    }
    let Some(value) = found else {
        return Ok(None);
    };
    let lang = match value.to_ascii_lowercase().as_str() {
        "zh" | "zh-cn" | "zh_cn" => Lang::Zh,
        "en" | "en-us" | "en_us" | "en-gb" => Lang::En,
        _ => return Err(value),
    };
    let path = uri.path();
    let path_and_query = if rest.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", rest.join("&"))
    };
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(path_and_query.parse().map_err(|_| value.clone())?);
    let uri = Uri::from_parts(parts).map_err(|_| value)?;
    Ok(Some((lang, uri)))
}

/// A future polled with the messages of its thread in `lang`: the request's language follows the
/// task from one worker thread to the next.
struct InLang<F> {
    lang: Lang,
    inner: Pin<Box<F>>,
}

impl<F: Future> Future for InLang<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.get_mut();
        i18n::with_lang(this.lang, || this.inner.as_mut().poll(cx))
    }
}

/// `work`, to run on another thread, in the language of this one.
pub fn in_lang<T>(work: impl FnOnce() -> T) -> impl FnOnce() -> T {
    let lang = i18n::lang();
    move || i18n::with_lang(lang, work)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_preferred_of_chinese_and_english_wins() {
        assert_eq!(
            from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"),
            Some(Lang::Zh)
        );
        assert_eq!(
            from_accept_language("en-US,en;q=0.9,zh-CN;q=0.8"),
            Some(Lang::En)
        );
        assert_eq!(
            from_accept_language("fr-FR, en;q=0.5, zh;q=0.7"),
            Some(Lang::Zh)
        );
        assert_eq!(from_accept_language("zh;q=0, en;q=0.1"), Some(Lang::En));
        assert_eq!(from_accept_language("ZH_tw"), Some(Lang::Zh));
        // Equals: the first named.
        assert_eq!(from_accept_language("en;q=0.5,zh;q=0.5"), Some(Lang::En));
        assert_eq!(from_accept_language("fr, de;q=0.9, *;q=0.1"), None);
        assert_eq!(from_accept_language(""), None);
        // "english" is no language tag; a malformed quality refuses its range.
        assert_eq!(from_accept_language("english"), None);
        assert_eq!(from_accept_language("zh;q=2, en;q=0.3"), Some(Lang::En));
    }

    #[test]
    fn qualities_are_read_exactly() {
        assert_eq!(thousandths("1"), Some(1000));
        assert_eq!(thousandths("1.000"), Some(1000));
        assert_eq!(thousandths("0.125"), Some(125));
        assert_eq!(thousandths("0.8"), Some(800));
        assert_eq!(thousandths("1.5"), None);
        assert_eq!(thousandths("0.1234"), None);
        assert_eq!(thousandths("-1"), None);
    }

    #[test]
    fn lang_is_taken_out_of_the_query() {
        let uri: Uri = "/api/convert?layout=system&lang=en&profile=x"
            .parse()
            .expect("uri");
        let (lang, rest) = take_query_lang(&uri).expect("valid").expect("found");
        assert_eq!(lang, Lang::En);
        assert_eq!(rest.to_string(), "/api/convert?layout=system&profile=x");
        let uri: Uri = "/api/check?lang=ZH".parse().expect("uri");
        let (lang, rest) = take_query_lang(&uri).expect("valid").expect("found");
        assert_eq!(
            (lang, rest.to_string()),
            (Lang::Zh, "/api/check".to_string())
        );
        let uri: Uri = "/api/check?layout=x".parse().expect("uri");
        assert_eq!(take_query_lang(&uri), Ok(None));
        let uri: Uri = "/api/check?lang=fr".parse().expect("uri");
        assert_eq!(take_query_lang(&uri), Err("fr".to_string()));
    }
}
