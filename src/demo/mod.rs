//! The demo: the three governments of the trilateral consultation, one account per
//! role (all with the same password) and the dialogue Q33-805.
pub mod dialogue;

use anyhow::Context;

use crate::domain::transition::Actor;

use crate::credentials::password::Passwords;
use crate::domain::commands::{NewGovernment, NewUser, RawGovernment, RawUser};
use crate::domain::role::Role;
use crate::store::{Db, governments, users};

pub const DEFAULT_PASSWORD: &str = "concord-demo";

pub const GOVERNMENTS: [(&str, &str, &str); 3] = [
    ("AF", "Afghanistan", "Asia/Kabul"),
    ("IR", "Iran", "Asia/Tehran"),
    ("PK", "Pakistan", "Asia/Karachi"),
];

/// (email, display name, role, government code)
pub const ACCOUNTS: [(&str, &str, Role, Option<&str>); 7] = [
    ("admin@demo.test", "Demo Admin", Role::Admin, None),
    (
        "coordinator@demo.test",
        "Demo Coordinator",
        Role::Coordinator,
        None,
    ),
    ("manager@demo.test", "Demo Manager", Role::Manager, None),
    ("observer@demo.test", "Demo Observer", Role::Observer, None),
    (
        "fp.af@demo.test",
        "Focal Point Afghanistan",
        Role::FocalPoint,
        Some("AF"),
    ),
    (
        "fp.ir@demo.test",
        "Focal Point Iran",
        Role::FocalPoint,
        Some("IR"),
    ),
    (
        "fp.pk@demo.test",
        "Focal Point Pakistan",
        Role::FocalPoint,
        Some("PK"),
    ),
];

/// Loads the whole demo: accounts, then the dialogue Q33-805.
pub async fn seed(db: &Db, passwords: &Passwords, password: &str) -> anyhow::Result<()> {
    let cast = seed_accounts(db, passwords, password).await?;
    dialogue::seed(db, &cast)
        .await
        .map_err(|e| anyhow::anyhow!("seeding the demo dialogue: {e:?}"))?;
    Ok(())
}

/// The governments and the seven accounts; refuses when any demo account already
/// exists, so it never half-duplicates.
pub async fn seed_accounts(
    db: &Db,
    passwords: &Passwords,
    password: &str,
) -> anyhow::Result<dialogue::Cast> {
    if users::find_by_email(db, ACCOUNTS[0].0).await?.is_some() {
        anyhow::bail!("the demo data is already loaded");
    }
    let mut government_ids = Vec::with_capacity(GOVERNMENTS.len());
    for (code, name, time_zone) in GOVERNMENTS {
        let row = match governments::find_by_code(db, code).await? {
            Some(existing) => existing,
            None => {
                let new = NewGovernment::parse(RawGovernment {
                    code: code.into(),
                    name: name.into(),
                    time_zone: time_zone.into(),
                })
                .map_err(|e| anyhow::anyhow!("demo government {code}: {e:?}"))?;
                governments::create(db, None, (&new).into()).await?
            }
        };
        government_ids.push((code, row.id, row.time_zone));
    }
    let mut actors = Vec::with_capacity(ACCOUNTS.len());
    // One hash for all seven accounts: they share the password, and argon2 is slow.
    let hash = passwords.hash(password.to_owned()).await?;
    for (email, display_name, role, government) in ACCOUNTS {
        let bound = government.and_then(|code| government_ids.iter().find(|(c, ..)| *c == code));
        let raw = RawUser {
            email: email.into(),
            display_name: display_name.into(),
            role,
            government_id: bound.map(|(_, id, _)| *id),
            locale: None,
            time_zone: None,
            password: None,
        };
        let parsed = NewUser::parse(raw, bound.map(|(.., tz)| tz.as_str()))
            .map_err(|e| anyhow::anyhow!("demo account {email}: {e:?}"))?;
        let new = users::NewUser::from_parsed(&parsed, Some(hash.clone()));
        let row = users::create(db, None, new)
            .await
            .with_context(|| format!("creating {email}"))?;
        actors.push(Actor {
            id: row.id,
            role,
            government_id: row.government_id,
        });
    }
    Ok(dialogue::Cast {
        coordinator: actors[1],
        manager: actors[2],
        focal_points: [actors[4], actors[5], actors[6]],
        governments: [
            government_ids[0].1,
            government_ids[1].1,
            government_ids[2].1,
        ],
    })
}

/// The demo cast, found again by the demo accounts' emails.
pub async fn cast_from_accounts(db: &Db) -> anyhow::Result<dialogue::Cast> {
    let mut actors = Vec::with_capacity(ACCOUNTS.len());
    for (email, ..) in ACCOUNTS {
        let row = users::find_by_email(db, email)
            .await?
            .with_context(|| format!("demo account {email} is missing"))?;
        let role = row.role.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
        actors.push(Actor {
            id: row.id,
            role,
            government_id: row.government_id,
        });
    }
    let mut governments = Vec::with_capacity(GOVERNMENTS.len());
    for (code, ..) in GOVERNMENTS {
        let row = governments::find_by_code(db, code)
            .await?
            .with_context(|| format!("government {code} is missing"))?;
        governments.push(row.id);
    }
    Ok(dialogue::Cast {
        coordinator: actors[1],
        manager: actors[2],
        focal_points: [actors[4], actors[5], actors[6]],
        governments: [governments[0], governments[1], governments[2]],
    })
}
