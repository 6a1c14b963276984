use concord::store::entities::outbox;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::driver::run;
use crate::helpers::spawn_app;

#[tokio::test]
async fn an_invitation_link_sets_the_password_and_the_person_signs_in() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let invited = json!({"email": "new.fp@demo.test", "display_name": "Nadia Karimi",
                         "role": "observer"});
    let created = app.post("/api/v1/users", &admin, invited).await;
    assert_eq!(created.status.as_u16(), 201, "{}", created.body);
    let rows = outbox::Entity::find()
        .filter(outbox::Column::Template.eq("account_invitation"))
        .all(&app.state.db)
        .await
        .expect("outbox rows");
    let payload: serde_json::Value =
        serde_json::from_str(&rows.last().expect("an invitation").payload).expect("json");
    let link = payload["link"].as_str().expect("a link").to_owned();
    // The email's link, on this test's server.
    let path = link
        .split_once("/set-password")
        .map(|(_, rest)| format!("/set-password{rest}"))
        .expect("a set-password link");

    run("invitation", app, |b| async move {
        b.goto(&path).await;
        b.wait_for("#new_password")
            .await
            .send_keys("short")
            .await
            .expect("typed");
        b.wait_for("#save-password")
            .await
            .click()
            .await
            .expect("clicked");
        assert!(b.text("#password-error").await.contains("too short"));
        let field = b.wait_for("#new_password").await;
        let described = field
            .attr("aria-describedby")
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        assert!(described.contains("password-error"), "{described}");
        b.assert_accessible("set-password-refused").await;
        field
            .send_keys("a long enough new password")
            .await
            .expect("typed");
        b.wait_for("#save-password")
            .await
            .click()
            .await
            .expect("clicked");
        assert!(b.text("#notice").await.contains("password is set"));

        b.sign_in("new.fp@demo.test", "a long enough new password")
            .await;
        assert!(b.text("#greeting").await.contains("Nadia Karimi"));

        // The link was spent.
        b.goto(&path).await;
        b.wait_for("#new_password")
            .await
            .send_keys("another long password")
            .await
            .expect("typed");
        b.wait_for("#save-password")
            .await
            .click()
            .await
            .expect("clicked");
        b.wait_for("#link-invalid").await;
        b.assert_accessible("set-password-spent").await;
    })
    .await;
}
