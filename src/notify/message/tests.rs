//! The renderer without a database: hand-made rows through `compose`.
use chrono::Utc;

use super::samples::*;
use super::*;
use crate::notify::about::Payload;
use crate::notify::templates::NAMES;

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn every_template_renders_in_english_without_gaps() -> TestResult {
    let recipient = reader("en", "Asia/Kabul");
    for template in NAMES {
        let email = compose_for(template, &recipient, &about_for(template))
            .map_err(|e| format!("{template}: {e:#}"))?;
        assert!(
            !email.subject.is_empty() && !email.subject.contains('\n'),
            "{template}"
        );
        assert!(
            email.text.starts_with("Hello Focal Point AF,\n"),
            "{template}: {}",
            email.text
        );
        assert!(
            email.html.contains(r#"<html lang="en" dir="ltr">"#),
            "{template}"
        );
        assert!(
            email.text.contains("https://concord.example.org"),
            "{template}"
        );
        // Plain text gets no bidi isolation marks; a subject and text never carry
        // an unfilled placeable.
        for part in [&email.subject, &email.text] {
            assert!(
                !part.contains('\u{2068}') && !part.contains('{'),
                "{template}: {part}"
            );
        }
    }
    Ok(())
}

#[test]
fn the_invitation_in_english_french_and_persian() -> TestResult {
    let about = about_for("workshop_scheduled");
    let en = compose_for("workshop_scheduled", &reader("en", "Asia/Kabul"), &about)?;
    assert_eq!(
        en.subject,
        "Invitation: Joint technical workshop, Tue 12 Jan 2027"
    );
    assert!(en.text.contains("You are invited to the technical workshop “Joint technical workshop” of the dialogue Migration dialogue."), "{}", en.text);

    let fr = compose_for("workshop_scheduled", &reader("fr", "Asia/Kabul"), &about)?;
    assert_eq!(
        fr.subject,
        "Invitation : Joint technical workshop, mar. 12 janv. 2027"
    );
    assert!(
        fr.text.starts_with("Bonjour Focal Point AF,"),
        "{}",
        fr.text
    );
    assert!(
        fr.text
            .contains("l'atelier technique « Joint technical workshop »"),
        "{}",
        fr.text
    );
    assert!(fr.text.contains("Lieu : Islamabad"), "{}", fr.text);
    assert!(fr.html.contains(r#"lang="fr" dir="ltr""#), "{}", fr.html);

    let fa = compose_for("workshop_scheduled", &reader("fa", "Asia/Tehran"), &about)?;
    assert!(
        fa.subject.starts_with("دعوت‌نامه: Joint technical workshop"),
        "{}",
        fa.subject
    );
    assert!(
        fa.text.contains("کارگاه فنی «Joint technical workshop»"),
        "{}",
        fa.text
    );
    assert!(
        fa.html.contains(r#"<html lang="fa" dir="rtl">"#),
        "{}",
        fa.html
    );
    assert!(
        fa.html.contains(r#"<div lang="fa" dir="rtl""#),
        "{}",
        fa.html
    );
    // In the right-to-left HTML every Latin placeable is isolated, so it cannot
    // drag the Persian punctuation around it; the plain text has no marks.
    assert!(
        fa.html.contains("\u{2068}Joint technical workshop\u{2069}"),
        "{}",
        fa.html
    );
    assert!(!fa.text.contains('\u{2068}'), "{}", fa.text);
    Ok(())
}

#[test]
fn reschedule_and_cancel_are_translated_too() -> TestResult {
    let mut cancelled = joint_workshop();
    cancelled.state = "cancelled".into();
    cancelled.cancel_reason = Some("Venue unavailable".into());
    let about = About::Workshop(cancelled, Some(dialogue()));
    for (locale, subject) in [
        ("fr", "Annulé : Joint technical workshop"),
        ("fa", "لغو شد: Joint technical workshop"),
    ] {
        let email = compose_for("workshop_cancelled", &reader(locale, "Asia/Kabul"), &about)?;
        assert_eq!(email.subject, subject);
        assert!(email.text.contains("Venue unavailable"), "{}", email.text);
        let html_lang = format!(r#"lang="{locale}""#);
        assert!(email.html.contains(&html_lang), "{}", email.html);
    }
    let about = about_for("workshop_rescheduled");
    let fa = compose_for("workshop_rescheduled", &reader("fa", "Asia/Kabul"), &about)?;
    assert!(fa.subject.starts_with("زمان جدید:"), "{}", fa.subject);
    Ok(())
}

#[test]
fn a_message_not_yet_translated_is_wholly_english() -> TestResult {
    for locale in ["fr", "fa"] {
        let email = compose_for(
            "action_agreed",
            &reader(locale, "Asia/Kabul"),
            &about_for("action_agreed"),
        )?;
        assert_eq!(email.subject, "Action agreed: Joint data exchange");
        assert!(
            email.text.starts_with("Hello Focal Point AF,"),
            "{}",
            email.text
        );
        assert!(
            email.text.contains("Due: Tue 19 Jan 2027"),
            "{}",
            email.text
        );
        assert!(
            email.html.contains(r#"<html lang="en" dir="ltr">"#),
            "{}",
            email.html
        );
    }
    Ok(())
}

#[test]
fn times_in_the_readers_zone_with_the_venues_beside() -> TestResult {
    let about = about_for("workshop_scheduled");
    let kabul = compose_for("workshop_scheduled", &reader("en", "Asia/Kabul"), &about)?;
    assert!(
        kabul.text.contains(
            "When: Tue 12 Jan 2027, 09:00–15:00 (Asia/Kabul); \
             at the venue: Tue 12 Jan 2027, 09:30–15:30 (Asia/Karachi)"
        ),
        "{}",
        kabul.text
    );
    // A reader in the venue's zone sees it once.
    let karachi = compose_for("workshop_scheduled", &reader("en", "Asia/Karachi"), &about)?;
    assert!(
        karachi
            .text
            .contains("When: Tue 12 Jan 2027, 09:30–15:30 (Asia/Karachi)\n"),
        "{}",
        karachi.text
    );
    Ok(())
}

#[test]
fn workshop_messages_carry_the_calendar_part_for_the_recipient() -> TestResult {
    let recipient = reader("en", "Asia/Kabul");
    let mut workshop = joint_workshop();
    workshop.sequence = 1;
    let about = About::Workshop(workshop.clone(), Some(dialogue()));
    let update = compose_for("workshop_rescheduled", &recipient, &about)?;
    let part = update.calendar.ok_or("no calendar part")?;
    assert_eq!(part.method, IcsMethod::Request);
    assert!(part.content.contains("METHOD:REQUEST"), "{}", part.content);
    assert!(part.content.contains("SEQUENCE:1"), "{}", part.content);
    assert!(
        part.content.contains("ATTENDEE:mailto:fp.af@demo.test"),
        "{}",
        part.content
    );
    assert!(
        part.content
            .contains("ORGANIZER:mailto:concord@example.org"),
        "{}",
        part.content
    );
    assert!(
        part.content.contains(&ics::uid(workshop.id)),
        "{}",
        part.content
    );

    workshop.state = "cancelled".into();
    let about = About::Workshop(workshop, Some(dialogue()));
    let cancel = compose_for("workshop_cancelled", &recipient, &about)?;
    assert_eq!(cancel.calendar.map(|c| c.method), Some(IcsMethod::Cancel));
    // A late invitation to a workshop cancelled since must not re-add it.
    let late = compose_for("workshop_scheduled", &recipient, &about)?;
    assert_eq!(late.calendar, None);
    let reminder = compose_for(
        "workshop_reminder",
        &recipient,
        &about_for("workshop_reminder"),
    )?;
    assert_eq!(reminder.calendar, None);
    Ok(())
}

#[test]
fn titles_are_escaped_in_html_only() -> TestResult {
    let mut workshop = joint_workshop();
    workshop.title = "Borders & <returns>".into();
    let about = About::Workshop(workshop, Some(dialogue()));
    let email = compose_for("workshop_reminder", &reader("en", "UTC"), &about)?;
    assert!(
        email.subject.contains("Borders & <returns>"),
        "{}",
        email.subject
    );
    assert!(
        email.text.contains("“Borders & <returns>”"),
        "{}",
        email.text
    );
    assert!(
        email.html.contains("Borders &#38; &#60;returns&#62;"),
        "{}",
        email.html
    );
    assert!(!email.html.contains("<returns>"), "{}", email.html);
    Ok(())
}

#[test]
fn account_links_digests_and_mismatched_payloads() -> TestResult {
    let recipient = reader("fr", "UTC");
    let invitation = compose_for("account_invitation", &recipient, &About::Nobody)?;
    assert_eq!(invitation.subject, "Your Concord account");
    assert!(
        invitation
            .text
            .contains("\nhttps://concord.example.org/set-password?token=abc\n")
    );
    assert!(
        invitation.text.contains("expires in 72 hours"),
        "{}",
        invitation.text
    );
    assert!(
        invitation.html.contains(
            r#"<a href="https://concord.example.org/set-password?token=abc">Choose a password</a>"#
        ),
        "{}",
        invitation.html
    );
    let reset = compose_for("password_reset", &recipient, &About::Nobody)?;
    assert!(reset.text.contains("expires in 1 hour"), "{}", reset.text);

    let facts = Facts {
        template: "password_reset",
        recipient: &recipient,
        about: &About::Nobody,
        event: None,
        payload: &Payload::default(),
        now: Utc::now(),
    };
    assert!(
        compose(&facts, &settings()).is_err(),
        "a reset without a link"
    );

    let digest = compose_for("digest", &recipient, &About::Nobody)?;
    assert_eq!(digest.subject, "Concord: 2 updates");
    assert!(
        digest
            .text
            .contains("- Workshop “A” scheduled\n- Action <B> agreed\n"),
        "{}",
        digest.text
    );
    assert!(
        digest.html.contains("<li>Action &#60;B&#62; agreed</li>"),
        "{}",
        digest.html
    );

    let wrong = compose_for(
        "workshop_scheduled",
        &recipient,
        &about_for("action_agreed"),
    );
    assert!(wrong.is_err());
    assert!(compose_for("no_such_template", &recipient, &About::Nobody).is_err());
    Ok(())
}

#[test]
fn due_soon_counts_days_from_the_readers_today() -> TestResult {
    let email = compose_for(
        "action_due_soon",
        &reader("en", "Asia/Kabul"),
        &about_for("action_due_soon"),
    )?;
    // Noon UTC on 12 Jan is the 12th in Kabul; due on the 19th.
    assert!(email.text.contains("is due in 7 days."), "{}", email.text);
    assert_eq!(email.subject, "Due Tue 19 Jan 2027: Joint data exchange");
    Ok(())
}
