//! The template sets `templates/email/<name>.{subject,txt,html}`, compiled by askama.
//! Templates hold the layout; the words come from Fluent through `m.t("key")`, with
//! the arguments the renderer set for the message.
use askama::Template;

use crate::present::i18n::Tr;

/// What every template sees as `m`.
pub struct Mail {
    pub tr: Tr,
    /// `lang` and `dir` of the HTML.
    pub lang: &'static str,
    pub dir: &'static str,
    /// Where the message points: the resource, or a set-password link.
    pub link: String,
    /// The digest's lines.
    pub items: Vec<String>,
    /// The subject once rendered, for the HTML `<title>`.
    pub subject: String,
}

impl Mail {
    pub fn new(tr: Tr) -> Self {
        let lang = tr.lang();
        Self {
            tr,
            lang: lang.tag(),
            dir: lang.dir(),
            link: String::new(),
            items: Vec::new(),
            subject: String::new(),
        }
    }

    /// The message `key` in the reader's language.
    pub fn t(&self, key: &str) -> String {
        self.tr.get(key)
    }

    /// Whether the message has the argument `name`, for optional lines.
    pub fn has(&self, name: &str) -> bool {
        self.tr.has(name)
    }
}

/// One rendered set.
#[derive(Debug)]
pub struct Parts {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// One module per set. Subject and text are not HTML: no escaping, no isolation
/// marks; the HTML gets both.
macro_rules! template_sets {
    ($($name:ident: $subject:tt $text:tt $html:tt;)+) => {
        $(
            mod $name {
                use super::*;

                #[derive(Template)]
                #[template(path = $subject, escape = "none")]
                struct Subject<'a> {
                    m: &'a Mail,
                }

                #[derive(Template)]
                #[template(path = $text, escape = "none")]
                struct Text<'a> {
                    m: &'a Mail,
                }

                #[derive(Template)]
                #[template(path = $html)]
                struct Html<'a> {
                    m: &'a Mail,
                }

                pub fn render(mail: &mut Mail) -> askama::Result<Parts> {
                    mail.tr.isolating = false;
                    let subject = one_line(&Subject { m: mail }.render()?);
                    let text = tidy(&Text { m: mail }.render()?);
                    mail.subject = subject.clone();
                    mail.tr.isolating = true;
                    let html = Html { m: mail }.render()?;
                    Ok(Parts { subject, text, html })
                }
            }
        )+

        /// Every template name there is a set for.
        pub const NAMES: &[&str] = &[$(stringify!($name)),+];

        /// Renders the set `name`; None when there is no such set.
        pub fn render(name: &str, mail: &mut Mail) -> Option<askama::Result<Parts>> {
            $(
                if name == stringify!($name) {
                    return Some($name::render(mail));
                }
            )+
            None
        }
    };
}

template_sets! {
    workshop_scheduled: "email/workshop_scheduled.subject" "email/workshop_scheduled.txt" "email/workshop_scheduled.html";
    workshop_rescheduled: "email/workshop_rescheduled.subject" "email/workshop_rescheduled.txt" "email/workshop_rescheduled.html";
    workshop_cancelled: "email/workshop_cancelled.subject" "email/workshop_cancelled.txt" "email/workshop_cancelled.html";
    workshop_reminder: "email/workshop_reminder.subject" "email/workshop_reminder.txt" "email/workshop_reminder.html";
    workshop_outcomes_requested: "email/workshop_outcomes_requested.subject" "email/workshop_outcomes_requested.txt" "email/workshop_outcomes_requested.html";
    outcomes_reminder: "email/outcomes_reminder.subject" "email/outcomes_reminder.txt" "email/outcomes_reminder.html";
    understanding_proposed: "email/understanding_proposed.subject" "email/understanding_proposed.txt" "email/understanding_proposed.html";
    understanding_revised: "email/understanding_revised.subject" "email/understanding_revised.txt" "email/understanding_revised.html";
    understanding_adopted: "email/understanding_adopted.subject" "email/understanding_adopted.txt" "email/understanding_adopted.html";
    action_agreed: "email/action_agreed.subject" "email/action_agreed.txt" "email/action_agreed.html";
    action_assigned: "email/action_assigned.subject" "email/action_assigned.txt" "email/action_assigned.html";
    action_due_soon: "email/action_due_soon.subject" "email/action_due_soon.txt" "email/action_due_soon.html";
    action_overdue: "email/action_overdue.subject" "email/action_overdue.txt" "email/action_overdue.html";
    phase_activated: "email/phase_activated.subject" "email/phase_activated.txt" "email/phase_activated.html";
    phase_completed: "email/phase_completed.subject" "email/phase_completed.txt" "email/phase_completed.html";
    project_changed: "email/project_changed.subject" "email/project_changed.txt" "email/project_changed.html";
    account_invitation: "email/account_invitation.subject" "email/account_invitation.txt" "email/account_invitation.html";
    password_reset: "email/password_reset.subject" "email/password_reset.txt" "email/password_reset.html";
    digest: "email/digest.subject" "email/digest.txt" "email/digest.html";
}

/// A subject is one header line, whatever a title or translation contains.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Templates may leave blank runs where an optional line was skipped: at most one
/// blank line between paragraphs, no trailing spaces, one final newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() && blank_run > 0 {
            out.push('\n');
        }
        blank_run = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_keeps_one_blank_line_between_paragraphs() {
        assert_eq!(tidy("a  \n\n\n\nb\nc\n\n"), "a\n\nb\nc\n");
        assert_eq!(one_line(" New\r\n time:  x "), "New time: x");
    }
}
