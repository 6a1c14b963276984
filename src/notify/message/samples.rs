//! Hand-made rows for the renderer's tests: a Kabul reader, a workshop at a venue in
//! Karachi, and one entity of each kind.
use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::*;
use crate::store::entities::{action, phase, project, understanding, workshop};

pub fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_default()
}

pub fn settings() -> Settings {
    // Test-only (this module is `cfg(test)`): the built-in defaults always load.
    let mut settings =
        Settings::load_from(Path::new("no-such-folder"), &HashMap::new()).expect("settings");
    settings.server.public_url = "https://concord.example.org/".into();
    settings.mail.from = "Concord <concord@example.org>".into();
    settings
}

pub fn reader(locale: &str, time_zone: &str) -> user::Model {
    user::Model {
        id: Uuid::nil(),
        email: "fp.af@demo.test".into(),
        display_name: "Focal Point AF".into(),
        role: "focal_point".into(),
        government_id: None,
        locale: locale.into(),
        time_zone: time_zone.into(),
        notification_preference: "immediate".into(),
        password_hash: None,
        disabled: false,
        failed_login_count: 0,
        failed_login_window_start: None,
        locked_until: None,
        token_generation: 0,
        created_at: Utc::now(),
        updated_at: Utc::now(),
    }
}

pub fn dialogue() -> project::Model {
    project::Model {
        id: Uuid::nil(),
        code: "Q33-805".into(),
        title: "Migration dialogue".into(),
        summary: String::new(),
        budget_usd: None,
        state: "active".into(),
        version: 1,
        cancel_reason: None,
        created_by: None,
        created_at: Utc::now(),
        updated_at: Utc::now(),
    }
}

/// 04:30 UTC: 09:00 in Kabul, 09:30 in Karachi.
pub fn joint_workshop() -> workshop::Model {
    workshop::Model {
        id: Uuid::from_u128(7),
        phase_id: Uuid::nil(),
        project_id: Uuid::nil(),
        title: "Joint technical workshop".into(),
        kind: "technical".into(),
        starts_at: at("2027-01-12T04:30:00Z"),
        ends_at: at("2027-01-12T10:30:00Z"),
        time_zone: "Asia/Karachi".into(),
        venue: "Islamabad".into(),
        agenda: Some("Return and reintegration".into()),
        state: "scheduled".into(),
        version: 2,
        sequence: 0,
        cancel_reason: None,
        override_reason: None,
        created_at: Utc::now(),
        updated_at: Utc::now(),
    }
}

/// A sample of what each template is about.
pub fn about_for(template: &str) -> About {
    let project = Some(dialogue());
    match about::needed_kind(template) {
        Some("workshop") => About::Workshop(joint_workshop(), project),
        Some("understanding") => About::Understanding(
            understanding::Model {
                id: Uuid::from_u128(8),
                phase_id: Uuid::nil(),
                project_id: Uuid::nil(),
                title: "Shared principles".into(),
                text: "…".into(),
                revision: 2,
                state: "proposed".into(),
                version: 3,
                withdraw_reason: None,
                created_at: Utc::now(),
                updated_at: Utc::now(),
            },
            project,
        ),
        Some("action") => About::Action(
            action::Model {
                id: Uuid::from_u128(9),
                phase_id: Uuid::nil(),
                project_id: Uuid::nil(),
                title: "Joint data exchange".into(),
                description: String::new(),
                scope: "collective".into(),
                due_date: NaiveDate::from_ymd_opt(2027, 1, 19).unwrap_or_default(),
                owner_id: None,
                state: "agreed".into(),
                version: 2,
                completion_note: None,
                reason: None,
                created_at: Utc::now(),
                updated_at: Utc::now(),
                agreement_list: String::new(),
                progress_notes: 0,
                last_progress_id: None,
            },
            project,
        ),
        Some("phase") => About::Phase(
            phase::Model {
                id: Uuid::from_u128(10),
                project_id: Uuid::nil(),
                name: "Initial phase".into(),
                ordinal: 1,
                planned_start: None,
                planned_end: None,
                state: "active".into(),
                version: 2,
                cancel_reason: None,
                created_at: Utc::now(),
                updated_at: Utc::now(),
            },
            project,
        ),
        Some("project") => About::Project(dialogue()),
        _ => About::Nobody,
    }
}

pub fn payload() -> Payload {
    Payload {
        link: Some("https://concord.example.org/set-password?token=abc".into()),
        items: vec!["Workshop “A” scheduled".into(), "Action <B> agreed".into()],
        ..Payload::default()
    }
}

pub fn compose_for(
    template: &str,
    recipient: &user::Model,
    about: &About,
) -> anyhow::Result<Email> {
    let facts = Facts {
        template,
        recipient,
        about,
        event: None,
        payload: &payload(),
        now: at("2027-01-12T12:00:00Z"),
    };
    compose(&facts, &settings())
}
