//! A duplicate is decided by the unique constraint at insert time: racing requests with
//! the same value get one 201 and 422s naming the field, never a bare conflict.
use futures_util::future::join_all;
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn racing_creates_with_one_code_or_email_get_one_success_and_field_errors() {
    let app = spawn_app().await;
    let coordinator = app.token("coordinator").await;
    let admin = app.token("admin").await;
    let (af, ir) = (
        app.government_id(&coordinator, "AF").await,
        app.government_id(&coordinator, "IR").await,
    );
    let cases = [
        (
            "/api/v1/projects",
            coordinator.clone(),
            json!({"code": "RACE-1", "title": "Race", "government_ids": [af, ir]}),
            "code",
        ),
        (
            "/api/v1/governments",
            admin.clone(),
            json!({"code": "TJ", "name": "Tajikistan", "time_zone": "Asia/Dushanbe"}),
            "code",
        ),
        (
            "/api/v1/users",
            admin.clone(),
            json!({"email": "twin@demo.test", "display_name": "Twin", "role": "observer"}),
            "email",
        ),
    ];
    for (path, token, body, field) in cases {
        let replies = join_all((0..6).map(|_| app.post(path, &token, body.clone()))).await;
        let created = replies.iter().filter(|r| r.status.as_u16() == 201).count();
        assert_eq!(created, 1, "{path}: exactly one created");
        for reply in replies.iter().filter(|r| r.status.as_u16() != 201) {
            reply.assert_problem(422, "validation.failed");
            assert!(
                reply.body["errors"][field].is_array(),
                "{path}: {}",
                reply.body
            );
        }
    }
}
