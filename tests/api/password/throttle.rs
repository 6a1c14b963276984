//! Password-reset requests are throttled per address and per client, answering the
//! same 202 whatever happens, and sending nothing beyond the caps.
use std::net::{IpAddr, Ipv4Addr};

use concord::store::entities::outbox;
use futures_util::future::join_all;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::reset;
use crate::auth::expire_throttles;
use crate::helpers::{TestApp, spawn_app};

async fn queued_resets(app: &TestApp) -> usize {
    outbox::Entity::find()
        .filter(outbox::Column::Template.eq("password_reset"))
        .all(&app.state.db)
        .await
        .expect("outbox rows")
        .len()
}

fn eml_files(app: &TestApp) -> usize {
    std::fs::read_dir(app.mail_dir.path())
        .expect("mail dir")
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "eml"))
        .count()
}

/// A reset request sent from another loopback address, i.e. another client.
async fn reset_from(app: &TestApp, client: Ipv4Addr, email: &str) -> StatusCode {
    let other = reqwest::Client::builder()
        .local_address(IpAddr::V4(client))
        .build()
        .expect("client");
    other
        .post(format!("{}/api/v1/auth/password-reset", app.base))
        .json(&json!({"email": email}))
        .send()
        .await
        .expect("sent")
        .status()
}

#[tokio::test]
async fn ten_parallel_requests_for_one_address_send_three_emails() {
    let app = spawn_app().await;
    let statuses = join_all((0..10).map(|_| reset(&app, "observer@demo.test"))).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::ACCEPTED),
        "{statuses:?}"
    );
    assert_eq!(queued_resets(&app).await, 3);
    concord::notify::worker::deliver_due(&app.state.postroom())
        .await
        .expect("delivered");
    assert_eq!(eml_files(&app), 3, "three messages actually sent");

    // Once the hour is over, the address may ask again.
    expire_throttles(&app).await;
    assert_eq!(
        reset(&app, "Observer@demo.test").await,
        StatusCode::ACCEPTED
    );
    assert_eq!(queued_resets(&app).await, 4);
}

#[tokio::test]
async fn a_client_over_its_cap_sends_nothing_and_spends_no_addresss_quota() {
    let app = spawn_app().await;
    // Twenty requests for addresses without accounts use up this client's hour.
    for n in 0..20 {
        let email = format!("nobody{n}@example.org");
        assert_eq!(reset(&app, &email).await, StatusCode::ACCEPTED);
    }
    assert_eq!(
        reset(&app, "observer@demo.test").await,
        StatusCode::ACCEPTED
    );
    assert_eq!(queued_resets(&app).await, 0, "the client is over its cap");

    // Another client is not affected, and the refused request above did not count
    // against the address: its three emails are all still there.
    let other = Ipv4Addr::new(127, 0, 0, 2);
    for _ in 0..4 {
        assert_eq!(
            reset_from(&app, other, "observer@demo.test").await,
            StatusCode::ACCEPTED
        );
    }
    assert_eq!(queued_resets(&app).await, 3);
}
