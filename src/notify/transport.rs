//! Mail transports: SMTP for production, `.eml` files for the embedded default. Both
//! get the same MIME message, so what a newcomer reads in `data/mail/` is what an SMTP
//! server would have received.
use std::time::Duration;

use anyhow::Context;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use uuid::Uuid;

use super::message::Email;
use crate::config::{MailSettings, MailTransport, redact_url_password};
use crate::domain::text::{TextKind, text_problem};
use crate::present::ics::IcsMethod;
use crate::secret::SecretUrl;

/// Long enough for a slow relay, short enough that a black-holed one does not hold a
/// whole batch (and a graceful shutdown) for minutes.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// The configured transport and the sender every message goes out as.
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

pub enum Transport {
    /// Pooled: connections are reused across messages and passes.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File(AsyncFileTransport<Tokio1Executor>),
}

/// Why a message was not sent. Both kinds are retried until `mail.max_attempts`; the
/// kind is kept so the recorded error says whether waiting can help.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// The server refused for good (5xx).
    #[error("permanent: {0}")]
    Permanent(String),
    /// The message cannot even be built from what is stored (a recipient name that
    /// would break a header, say): no retry can help, so the row goes dead at once.
    #[error("cannot build the message: {0}")]
    Unbuildable(String),
    /// Connection refused, timeout, 4xx, a full disk: may pass later.
    #[error("transient: {0}")]
    Transient(String),
}

impl Mailer {
    /// Builds the configured transport; a bad SMTP URL or an unwritable mail folder
    /// stops startup with a message saying which setting to fix.
    pub fn from_settings(settings: &MailSettings) -> anyhow::Result<Self> {
        let from = settings
            .from
            .parse::<Mailbox>()
            .with_context(|| format!("mail.from `{}` is not an email address", settings.from))?;
        let transport = match settings.transport {
            MailTransport::Smtp => {
                let url = settings.smtp_url.as_ref().map_or("", SecretUrl::expose);
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .with_context(|| {
                        format!(
                            "CONCORD__MAIL__SMTP_URL `{}` is not a usable SMTP URL \
                             (e.g. smtp://user:pass@mail.example.org:587?tls=required)",
                            redact_url_password(url)
                        )
                    })?
                    .timeout(Some(SMTP_TIMEOUT))
                    .pool_config(PoolConfig::new())
                    .build();
                Transport::Smtp(transport)
            }
            MailTransport::File => {
                std::fs::create_dir_all(&settings.file_dir).with_context(|| {
                    format!("cannot create the mail folder {}", settings.file_dir)
                })?;
                Transport::File(AsyncFileTransport::new(&settings.file_dir))
            }
        };
        Ok(Self { transport, from })
    }

    /// Sends one message as `Message-ID: <outbox-{outbox_id}@concord>`: a retry of the
    /// same row carries the same id, so a receiver can tell a second copy for what it is.
    pub async fn send(&self, email: &Email, outbox_id: Uuid) -> Result<(), SendError> {
        let message = build_message(&self.from, email, outbox_id)?;
        match &self.transport {
            Transport::Smtp(transport) => transport
                .send(message)
                .await
                .map(drop)
                .map_err(classify_smtp),
            Transport::File(transport) => {
                transport.send(message).await.map(drop).map_err(|e| {
                    SendError::Transient(format!("cannot write the message file: {e}"))
                })
            }
        }
    }
}

/// A subject is made from titles; one stored before control characters were refused
/// must still give a one-line header.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

pub fn message_id(outbox_id: Uuid) -> String {
    format!("<outbox-{outbox_id}@concord>")
}

fn classify_smtp(err: lettre::transport::smtp::Error) -> SendError {
    // "550 Mailbox unavailable" reads better in the admin list than lettre's
    // "permanent error (550): Mailbox unavailable"; other errors (connection
    // refused, TLS, timeout) already name their cause in lettre's own text.
    let reply = err.status().zip(std::error::Error::source(&err));
    let text = match reply {
        Some((code, reply)) => format!("{code} {reply}"),
        None => err.to_string(),
    };
    if err.is_permanent() {
        SendError::Permanent(text)
    } else {
        SendError::Transient(text)
    }
}

fn build_message(from: &Mailbox, email: &Email, outbox_id: Uuid) -> Result<Message, SendError> {
    let unsendable =
        |what: &str, e: &dyn std::fmt::Display| SendError::Unbuildable(format!("{what}: {e}"));
    let to_address = email
        .to_email
        .parse()
        .map_err(|e| unsendable("invalid recipient address", &e))?;
    // lettre panics while writing a header whose display name holds a line break, so
    // such a name is refused here, before it reaches the builder. (Input validation
    // refuses it too; this guards rows written before it, or by other means.)
    if let Some(problem) = text_problem(&email.to_name, TextKind::SingleLine) {
        return Err(unsendable("the recipient's name", &problem));
    }
    let to = Mailbox::new(Some(email.to_name.clone()), to_address);
    let alternative = MultiPart::alternative()
        .singlepart(SinglePart::plain(email.text.clone()))
        .singlepart(SinglePart::html(email.html.clone()));
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(one_line(&email.subject))
        .message_id(Some(message_id(outbox_id)));
    let built = match &email.calendar {
        None => builder.multipart(alternative),
        Some(calendar) => {
            let method = match calendar.method {
                IcsMethod::Cancel => "CANCEL",
                IcsMethod::Request => "REQUEST",
                IcsMethod::Publish => "PUBLISH",
            };
            let calendar_type =
                ContentType::parse(&format!("text/calendar; method={method}; charset=utf-8"))
                    .map_err(|e| unsendable("invalid calendar content type", &e))?;
            let ics_type = ContentType::parse("application/ics")
                .map_err(|e| unsendable("invalid attachment content type", &e))?;
            // The inline text/calendar part is what Outlook and Gmail turn into an
            // invitation with buttons; the attachment serves every other program.
            let alternative = alternative.singlepart(
                SinglePart::builder()
                    .content_type(calendar_type)
                    .body(calendar.content.clone()),
            );
            let attachment =
                Attachment::new("invite.ics".to_owned()).body(calendar.content.clone(), ics_type);
            builder.multipart(
                MultiPart::mixed()
                    .multipart(alternative)
                    .singlepart(attachment),
            )
        }
    };
    built.map_err(|e| unsendable("cannot build the message", &e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notify::message::CalendarPart;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn email(calendar: Option<CalendarPart>) -> Email {
        Email {
            to_email: "fp.af@demo.test".into(),
            to_name: "Focal Point AF".into(),
            subject: "Invitation".into(),
            text: "Hello".into(),
            html: "<p>Hello</p>".into(),
            calendar,
        }
    }

    fn raw(email: &Email, outbox_id: Uuid) -> Result<String, Box<dyn std::error::Error>> {
        let from: Mailbox = "Concord <concord@localhost>".parse()?;
        let message = build_message(&from, email, outbox_id)?;
        Ok(String::from_utf8(message.formatted())?)
    }

    #[test]
    fn message_carries_the_outbox_message_id_and_alternatives() -> TestResult {
        let id = Uuid::now_v7();
        let raw = raw(&email(None), id)?;
        assert!(
            raw.contains(&format!("Message-ID: <outbox-{id}@concord>")),
            "{raw}"
        );
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(
            raw.contains("text/plain") && raw.contains("text/html"),
            "{raw}"
        );
        assert!(!raw.contains("text/calendar"), "{raw}");
        Ok(())
    }

    #[test]
    fn a_calendar_part_is_inline_and_attached() -> TestResult {
        let calendar = CalendarPart {
            method: IcsMethod::Request,
            content: "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n".into(),
        };
        let raw = raw(&email(Some(calendar)), Uuid::nil())?;
        assert!(raw.contains("multipart/mixed"), "{raw}");
        assert!(
            raw.contains("text/calendar; method=REQUEST; charset=utf-8"),
            "{raw}"
        );
        assert!(raw.contains("filename=\"invite.ics\""), "{raw}");
        Ok(())
    }

    #[test]
    fn an_unparseable_recipient_is_unbuildable() -> TestResult {
        let mut bad = email(None);
        bad.to_email = "not an address".into();
        let from: Mailbox = "concord@localhost".parse()?;
        assert!(matches!(
            build_message(&from, &bad, Uuid::nil()),
            Err(SendError::Unbuildable(_))
        ));
        Ok(())
    }

    #[test]
    fn a_name_that_would_break_a_header_is_refused_and_a_subject_made_one_line() -> TestResult {
        let from: Mailbox = "concord@localhost".parse()?;
        for name in ["Eve\nX", "Eve\r\nX"] {
            let mut bad = email(None);
            bad.to_name = name.into();
            let built = build_message(&from, &bad, Uuid::nil());
            assert!(
                matches!(&built, Err(SendError::Unbuildable(e)) if e.contains("name")),
                "{name:?}"
            );
        }
        let mut titled = email(None);
        titled.subject = "Workshop\r\nBcc: x@y.z".into();
        let raw = raw(&titled, Uuid::nil())?;
        assert!(!raw.contains("\r\nBcc:"), "{raw}");
        Ok(())
    }
}
