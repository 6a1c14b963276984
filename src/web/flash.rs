//! The one-shot message a page shows after a form posted and redirected ("The phase
//! is active.", or the reason a transition was refused): POST/redirect/GET loses the
//! request, so the message rides in a cookie to the next page, which shows it once.
//!
//! The cookie is signed with the session's own secret (its form token), so only
//! Concord can put words on a Concord page, and a message set for one session is not
//! shown in another. It is cleared by the response that shows it (see [`clear_shown`]),
//! so a page handler only ever reads `p.flash`.
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::{Cookie, CookieJar};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::door::{cookie, forget};
use crate::auth::session::Session;
use crate::state::AppState;

pub const FLASH_COOKIE: &str = "concord_flash";
/// Long enough to follow a redirect on a slow connection; a flash is not a record.
const FLASH_SECS: i64 = 300;
/// Keeps the cookie well under the browsers' 4 KB, with room for Persian text.
const MAX_TEXT_BYTES: usize = 1_200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlashKind {
    /// Something was done.
    Notice,
    /// Something was refused; nothing changed.
    Error,
}

impl FlashKind {
    fn tag(self) -> &'static str {
        match self {
            FlashKind::Notice => "notice",
            FlashKind::Error => "error",
        }
    }

    fn from_tag(tag: &str) -> Option<Self> {
        match tag {
            "notice" => Some(FlashKind::Notice),
            "error" => Some(FlashKind::Error),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub kind: FlashKind,
    pub text: String,
}

impl Flash {
    pub fn notice(text: impl Into<String>) -> Self {
        Self {
            kind: FlashKind::Notice,
            text: text.into(),
        }
    }

    pub fn error(text: impl Into<String>) -> Self {
        Self {
            kind: FlashKind::Error,
            text: text.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.kind == FlashKind::Error
    }

    /// The CSS class (and the `id` a test waits for).
    pub fn class(&self) -> &'static str {
        self.kind.tag()
    }

    /// The cookie carrying this message to the next page of `session`.
    pub fn cookie(&self, state: &AppState, session: &Session) -> Cookie<'static> {
        cookie(
            state,
            FLASH_COOKIE,
            self.encode(&session.csrf_token),
            FLASH_SECS,
        )
    }

    fn encode(&self, secret: &str) -> String {
        let text = truncate(&self.text, MAX_TEXT_BYTES);
        let tag = self.kind.tag();
        let mac = hex::encode(signature(secret, tag, text));
        form_urlencoded::Serializer::new(String::new())
            .append_pair("k", tag)
            .append_pair("t", text)
            .append_pair("s", &mac)
            .finish()
    }

    fn decode(value: &str, secret: &str) -> Option<Self> {
        let (mut kind, mut text, mut mac) = (None, None, None);
        for (name, value) in form_urlencoded::parse(value.as_bytes()) {
            match name.as_ref() {
                "k" => kind = Some(value.into_owned()),
                "t" => text = Some(value.into_owned()),
                "s" => mac = Some(value.into_owned()),
                _ => {}
            }
        }
        let (kind, text, mac) = (kind?, text?, hex::decode(mac?).ok()?);
        let mut check = keyed(secret);
        check.update(&message(&kind, &text));
        // Constant-time comparison, by the MAC itself.
        check.verify_slice(&mac).ok()?;
        Some(Self {
            kind: FlashKind::from_tag(&kind)?,
            text,
        })
    }

    /// The message the request's cookie carries for `session`, if any and genuine.
    pub fn read(headers: &HeaderMap, session: Option<&Session>) -> Option<Self> {
        let session = session?;
        let jar = CookieJar::from_headers(headers);
        let value = jar.get(FLASH_COOKIE)?.value().to_owned();
        Self::decode(&value, &session.csrf_token)
    }
}

fn keyed(secret: &str) -> Hmac<Sha256> {
    // HMAC takes a key of any length; this cannot fail.
    <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"))
}

/// The bytes signed: kind and text, separated so neither can borrow from the other.
fn message(kind: &str, text: &str) -> Vec<u8> {
    [kind.as_bytes(), b"\0", text.as_bytes()].concat()
}

fn signature(secret: &str, kind: &str, text: &str) -> Vec<u8> {
    let mut mac = keyed(secret);
    mac.update(&message(kind, text));
    mac.finalize().into_bytes().to_vec()
}

/// At most `max` bytes of `text`, cut at a character boundary.
fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Middleware: once a page has been shown (a GET answered 2xx) to a request that
/// carried a flash, the browser is told to forget it, so it shows exactly once. A
/// redirect keeps it for the page it leads to.
pub async fn clear_shown(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let carried = request.method() == Method::GET
        && CookieJar::from_headers(request.headers())
            .get(FLASH_COOKIE)
            .is_some();
    let mut response = next.run(request).await;
    if carried && response.status().is_success() {
        let expired = forget(&state, FLASH_COOKIE).encoded().to_string();
        if let Ok(value) = expired.parse() {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// 303 to `path`, carrying `flash` to the page there.
pub fn see(
    state: &AppState,
    session: &Session,
    path: &str,
    flash: Flash,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let jar = CookieJar::new().add(flash.cookie(state, session));
    (jar, axum::response::Redirect::to(path)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flash_survives_its_cookie_for_the_same_secret_only() {
        let flash = Flash::error("Le « plan » n'est pas prêt ; réessayez & voyez.");
        let value = flash.encode("secret-one");
        assert!(!value.contains(' ') && !value.contains(';') && !value.contains(','));
        assert_eq!(Flash::decode(&value, "secret-one"), Some(flash.clone()));
        assert_eq!(Flash::decode(&value, "secret-two"), None);
    }

    #[test]
    fn altered_words_or_kind_are_not_shown() {
        let value = Flash::notice("The phase is active.").encode("s");
        let altered = value.replace("active", "deleted");
        assert_eq!(Flash::decode(&altered, "s"), None);
        let promoted = value.replace("k=notice", "k=error");
        assert_eq!(Flash::decode(&promoted, "s"), None);
        assert_eq!(Flash::decode("garbage", "s"), None);
    }

    #[test]
    fn long_text_is_cut_at_a_character() {
        let long = "د".repeat(2_000);
        let cut = truncate(&long, MAX_TEXT_BYTES).to_owned();
        assert!(cut.len() <= MAX_TEXT_BYTES && cut.chars().all(|c| c == 'د'));
        let flash = Flash::notice(long.clone());
        let decoded = Flash::decode(&flash.encode("s"), "s");
        assert_eq!(decoded.map(|f| f.text), Some(cut));
    }
}
