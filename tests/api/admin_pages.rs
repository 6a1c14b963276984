//! The administration and account pages over plain HTTP: only admins get in, and each
//! form refuses what the API refuses, beside its field, changing nothing.
use concord::store::entities::{outbox, user};
use reqwest::StatusCode;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::helpers::{TestApp, spawn_app};
use crate::page_client::{page, post_form, sign_in, submit};

async fn account(app: &TestApp, email: &str) -> user::Model {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&app.state.db)
        .await
        .expect("read")
        .expect("the account")
}

#[tokio::test]
async fn only_admins_open_or_post_to_the_administration_pages() {
    let app = spawn_app().await;
    let target = account(&app, "observer@demo.test").await.id;
    let message = uuid::Uuid::now_v7();
    for who in ["coordinator", "manager", "observer", "fp.af"] {
        let cookie = sign_in(&app, who).await;
        for path in ["/admin/users", "/admin/governments", "/admin/outbox"] {
            let (status, html) = page(&app, &cookie, path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{who} {path}");
            assert!(html.contains("<html"), "a page, not JSON");
        }
        let (_, home) = page(&app, &cookie, "/").await;
        assert!(
            !home.contains(r#"href="/admin/users""#),
            "{who} is not offered the link"
        );
        assert!(
            home.contains(r#"href="/account""#),
            "everyone has an account page"
        );
        let forged = [
            (format!("/admin/users/{target}/disable"), vec![]),
            (format!("/admin/outbox/{message}/retry"), vec![]),
            (
                "/admin/users".to_owned(),
                vec![
                    ("email", "x@y.org"),
                    ("display_name", "X"),
                    ("role", "admin"),
                ],
            ),
            (
                "/admin/governments".to_owned(),
                vec![
                    ("code", "TJ"),
                    ("name", "Tajikistan"),
                    ("time_zone", "Asia/Dushanbe"),
                ],
            ),
        ];
        for (path, fields) in forged {
            let (status, _, _) = post_form(&app, &cookie, &path, &fields).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{who} POST {path}");
        }
    }
    assert!(
        !account(&app, "observer@demo.test").await.disabled,
        "nothing changed"
    );
    assert!(
        concord::store::governments::find_by_code(&app.state.db, "TJ")
            .await
            .expect("read")
            .is_none()
    );
    // Nobody signed in: sent to sign in, and back here afterwards.
    let stranger = crate::page_client::no_redirects()
        .get(format!("{}/admin/users", app.base))
        .send()
        .await
        .expect("sent");
    assert_eq!(stranger.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        stranger.headers()["location"],
        "/sign-in?next=%2Fadmin%2Fusers"
    );
}

#[tokio::test]
async fn an_admin_invites_disables_and_cannot_disable_themselves() {
    let app = spawn_app().await;
    let admin = sign_in(&app, "admin").await;
    let (status, html) = page(&app, &admin, "/admin/users").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.len() < 30_000, "{} bytes", html.len());
    assert!(html.contains(r#"href="/admin/users" aria-current="page""#));
    // One's own row: the button is there, disabled, with the domain's reason.
    let own = account(&app, "admin@demo.test").await.id;
    assert!(
        html.contains(&format!(r#"id="disable-{own}" disabled"#)),
        "own row disabled"
    );
    assert!(html.contains("You cannot disable your own account"));
    // In the reader's language, as every other refusal on the pages.
    app.set_user("admin@demo.test", user::Column::Locale, "fa")
        .await;
    let (_, persian) = page(&app, &admin, "/admin/users").await;
    assert!(
        persian.contains("نمی‌توانید حساب خودتان را غیرفعال کنید")
            && !persian.contains("You cannot disable"),
        "{persian}"
    );
    app.set_user("admin@demo.test", user::Column::Locale, "en")
        .await;
    let (status, location, _) =
        post_form(&app, &admin, &format!("/admin/users/{own}/disable"), &[]).await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/admin/users"))
    );
    assert!(!account(&app, "admin@demo.test").await.disabled);

    // An invitation with a bad address and a focal point without a government: 422,
    // each error beside its field, what was typed kept, nobody created.
    let bad = [
        ("display_name", "Zarmina"),
        ("email", "not-an-address"),
        ("role", "focal_point"),
        ("government_id", ""),
        ("locale", "fa"),
    ];
    let (status, _, html) = post_form(&app, &admin, "/admin/users", &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(r#"id="email-error""#) && html.contains(r#"id="government_id-error""#));
    assert!(html.contains(r#"value="not-an-address""#) && html.contains(r#"value="Zarmina""#));
    let good = [
        ("display_name", "Zarmina"),
        ("email", "Zarmina@Example.org"),
        ("role", "observer"),
        ("government_id", ""),
        ("locale", "fa"),
    ];
    let posted = submit(&app, &admin, "/admin/users", &good).await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER);
    let invited = account(&app, "zarmina@example.org").await;
    assert_eq!(
        (invited.locale.as_str(), invited.password_hash.is_none()),
        ("fa", true)
    );
    let html = posted.follow(&app, &admin).await;
    assert!(html.contains("invited, no password yet"));
    assert!(html.contains("The invitation to"), "the flash");

    // Disabling someone else from the page.
    let observer = sign_in(&app, "observer").await;
    let target = account(&app, "observer@demo.test").await.id;
    let (status, _, _) =
        post_form(&app, &admin, &format!("/admin/users/{target}/disable"), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(account(&app, "observer@demo.test").await.disabled);
    let (status, _) = page(&app, &observer, "/").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "their session ended");
    let (_, html) = page(&app, &admin, "/admin/users").await;
    assert!(html.contains(&format!(r#"action="/admin/users/{target}/enable""#)));
}

#[tokio::test]
async fn governments_are_added_from_their_page_as_the_api_adds_them() {
    let app = spawn_app().await;
    let admin = sign_in(&app, "admin").await;
    let bad = [
        ("code", "tj"),
        ("name", "Tajikistan"),
        ("time_zone", "Asia/Nowhere"),
    ];
    let (status, _, html) = post_form(&app, &admin, "/admin/governments", &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(r#"id="code-error""#) && html.contains(r#"id="time_zone-error""#));
    assert!(html.contains(r#"aria-describedby="time_zone-hint time_zone-error""#));
    let taken = [
        ("code", "AF"),
        ("name", "Afghanistan again"),
        ("time_zone", "Asia/Kabul"),
    ];
    let (status, _, html) = post_form(&app, &admin, "/admin/governments", &taken).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a taken code is named"
    );
    assert!(html.contains(r#"id="code-error""#));
    let good = [
        ("code", "TJ"),
        ("name", "Tajikistan"),
        ("time_zone", "Asia/Dushanbe"),
    ];
    let (status, location, _) = post_form(&app, &admin, "/admin/governments", &good).await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/admin/governments"))
    );
    let (_, html) = page(&app, &admin, "/admin/governments").await;
    assert!(html.contains(r#"id="government-TJ""#) && html.contains("Asia/Dushanbe"));
}

#[tokio::test]
async fn the_outbox_page_shows_dead_messages_first_and_retries_them() {
    let app = spawn_app().await;
    let recipient = account(&app, "fp.pk@demo.test").await.id;
    let now = concord::store::now();
    let mut row = concord::store::outbox::pending_row(
        "test:dead".into(),
        "workshop_scheduled",
        recipient,
        &serde_json::json!({}),
        now,
    );
    row.status = Set("dead".into());
    row.attempts = Set(8);
    row.last_error = Set(Some("SMTP 550 mailbox unavailable".into()));
    let id = outbox::Entity::insert(row)
        .exec_with_returning(&app.state.db)
        .await
        .expect("inserted")
        .id;
    let admin = sign_in(&app, "admin").await;
    let (status, html) = page(&app, &admin, "/admin/outbox").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!(r#"id="message-{id}" data-status="dead""#)));
    assert!(html.contains("SMTP 550 mailbox unavailable") && html.contains("fp.pk@demo.test"));
    assert!(
        html.contains(r#"id="filter-dead" aria-current="page""#),
        "dead is the default"
    );
    let (status, _) = page(&app, &admin, "/admin/outbox?status=lost").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let (status, _, _) = post_form(&app, &admin, &format!("/admin/outbox/{id}/retry"), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let after = outbox::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("read")
        .expect("row");
    assert_ne!(after.status, "dead");
    assert_eq!(after.attempts, 0);
    let (_, html) = page(&app, &admin, "/admin/outbox").await;
    assert!(
        !html.contains(&format!("message-{id}")),
        "no longer among the dead"
    );
    // Retried again while not dead: refused with the domain's reason, nothing changed.
    let posted = submit(&app, &admin, &format!("/admin/outbox/{id}/retry"), &[]).await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER);
    let html = posted.follow(&app, &admin).await;
    assert!(
        html.contains("Only a dead message can be retried"),
        "the flash says why"
    );
    let (_, html) = page(&app, &admin, "/admin/outbox?status=all").await;
    assert!(
        html.contains(&format!(r#"id="retry-{id}" disabled"#)),
        "offered disabled"
    );
    // Beside it, why, with the status in the page's words.
    assert!(
        html.replace(['\u{2068}', '\u{2069}'], "")
            .contains("Only a dead message can be retried; this one is waiting."),
        "{html}"
    );
}

#[tokio::test]
async fn the_account_page_saves_settings_and_refuses_what_the_api_refuses() {
    let app = spawn_app().await;
    let fp = sign_in(&app, "fp.af").await;
    let (status, html) = page(&app, &fp, "/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.len() < 30_000, "{} bytes", html.len());
    assert!(
        html.contains(r#"value="Asia/Kabul""#)
            && html.contains(r#"href="/account" aria-current="page""#)
    );
    let bad = [
        ("display_name", "FP Afghanistan"),
        ("locale", "fa"),
        ("time_zone", "Asia/Atlantis"),
    ];
    let (status, _, html) = post_form(&app, &fp, "/account", &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(r#"id="time_zone-error""#) && html.contains(r#"value="Asia/Atlantis""#));
    assert_eq!(
        account(&app, "fp.af@demo.test").await.locale,
        "en",
        "nothing saved"
    );

    let good = [
        ("display_name", "FP Afghanistan"),
        ("locale", "fa"),
        ("time_zone", "Asia/Tehran"),
    ];
    let posted = submit(&app, &fp, "/account", &good).await;
    assert_eq!(
        (posted.status, posted.location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/account"))
    );
    let html = posted.follow(&app, &fp).await;
    assert!(html.contains(r#"lang="fa" dir="rtl""#) && html.contains("تنظیمات شما ذخیره شد"));
    let row = account(&app, "fp.af@demo.test").await;
    assert_eq!(
        (row.locale.as_str(), row.time_zone.as_str()),
        ("fa", "Asia/Tehran")
    );

    let (status, _, _) = post_form(
        &app,
        &fp,
        "/account/notifications",
        &[("preference", "daily_digest")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        account(&app, "fp.af@demo.test")
            .await
            .notification_preference,
        "daily_digest"
    );
    let (status, _, html) = post_form(
        &app,
        &fp,
        "/account/notifications",
        &[("preference", "weekly")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(r#"id="preference-error""#));

    let wrong = [
        ("current_password", "not it at all"),
        ("new_password", "a long new phrase"),
        ("new_password_again", "a long new phrase"),
    ];
    let (status, _, html) = post_form(&app, &fp, "/account/password", &wrong).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(r#"id="current_password-error""#));
    assert!(
        !html.contains("a long new phrase"),
        "passwords are never sent back"
    );
}
