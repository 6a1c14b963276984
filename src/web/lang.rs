//! Which language a page is in: the signed-in person's setting, else the choice an
//! anonymous visitor made with the switcher (a cookie), else the browser's
//! `Accept-Language`, else English.
use axum::http::HeaderMap;
use axum::http::header::ACCEPT_LANGUAGE;
use axum_extra::extract::cookie::CookieJar;

use super::door::LANG_COOKIE;
use crate::present::i18n::Lang;

pub fn choose(headers: &HeaderMap, setting: Option<&str>) -> Lang {
    setting
        .and_then(Lang::from_tag)
        .or_else(|| {
            CookieJar::from_headers(headers)
                .get(LANG_COOKIE)
                .and_then(|c| Lang::from_tag(c.value()))
        })
        .or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(from_accept_language)
        })
        .unwrap_or(Lang::En)
}

/// The most wanted language Concord has, from `fa-IR, fa;q=0.9, en;q=0.5`.
fn from_accept_language(header: &str) -> Option<Lang> {
    let mut wanted: Vec<(f32, Lang)> = header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let lang = Lang::from_tag(parts.next()?.trim())?;
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (q > 0.0).then_some((q, lang))
        })
        .collect();
    // Stable, so among equal weights the browser's order stands.
    wanted.sort_by(|a, b| b.0.total_cmp(&a.0));
    wanted.first().map(|(_, lang)| *lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn accept_language_by_weight_then_order() {
        assert_eq!(
            from_accept_language("fa-IR,fa;q=0.9,en;q=0.8"),
            Some(Lang::Fa)
        );
        assert_eq!(
            from_accept_language("de, fr;q=0.5, en;q=0.7"),
            Some(Lang::En)
        );
        assert_eq!(from_accept_language("fr-CA, en"), Some(Lang::Fr));
        assert_eq!(from_accept_language("fa;q=0, de"), None);
        assert_eq!(from_accept_language("*"), None);
    }

    #[test]
    fn setting_then_cookie_then_header() {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_static("fr"));
        assert_eq!(choose(&headers, None), Lang::Fr);
        headers.insert("cookie", HeaderValue::from_static("concord_lang=fa"));
        assert_eq!(choose(&headers, None), Lang::Fa);
        assert_eq!(choose(&headers, Some("en")), Lang::En);
        assert_eq!(choose(&HeaderMap::new(), Some("xx")), Lang::En);
    }
}
