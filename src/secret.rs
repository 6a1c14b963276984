//! Values that must never reach a log line, a `Debug` print or `concord config`: the
//! JWT secret, the metrics token, the password inside the SMTP URL. Reading one takes
//! an explicit `expose()`, which is easy to find in review.
use std::fmt;

use serde::{Deserialize, Serialize, Serializer};

const REDACTED: &str = "[redacted]";

/// A secret string: shown as `[redacted]` by `Debug` and when serialised.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(REDACTED)
    }
}

/// A URL that may carry a password (`smtp://user:pass@host`): shown with the password
/// replaced by `[redacted]`, the rest kept so an operator can still read where it points.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct SecretUrl(String);

impl SecretUrl {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn redacted(&self) -> String {
        redact_url_password(&self.0)
    }
}

impl fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Display for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl Serialize for SecretUrl {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.redacted())
    }
}

/// `scheme://user:password@host…` → `scheme://user:[redacted]@host…`
pub fn redact_url_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((credentials, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:{REDACTED}@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug_or_serialised_form() {
        let secret = Secret::new("hunter2-hunter2-hunter2-hunter2-x");
        let url = SecretUrl::new("smtp://mailer:p4ssw0rd@mail.example.org:587");
        for shown in [
            format!("{secret:?} {url:?} {url}"),
            serde_json::to_string(&(&secret, &url)).unwrap_or_default(),
        ] {
            assert!(
                !shown.contains("hunter2") && !shown.contains("p4ssw0rd"),
                "{shown}"
            );
            assert!(shown.contains("[redacted]"), "{shown}");
        }
        assert!(url.redacted().contains("mail.example.org"));
        assert_eq!(secret.expose(), "hunter2-hunter2-hunter2-hunter2-x");
        assert_eq!(url.expose(), "smtp://mailer:p4ssw0rd@mail.example.org:587");
    }
}
