use chrono::{Duration, Utc};
use concord::notify::worker;
use concord::store::entities::outbox;
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::helpers::spawn_app;

fn states(list: &Value) -> Vec<String> {
    let mut states: Vec<String> = list["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["state"].as_str().map(String::from))
        .collect();
    states.sort();
    states
}

#[tokio::test]
async fn the_demo_dialogue_loads_in_the_states_the_story_needs() {
    let app = spawn_app().await;
    let seeded = app.seed_demo_dialogue().await;
    let coordinator = app.token("coordinator").await;
    let project = app
        .get(
            &format!("/api/v1/projects/{}", seeded.project_id),
            &coordinator,
        )
        .await;
    assert_eq!(project.body["code"], "Q33-805");
    assert_eq!(project.body["budget_usd"], 135000);
    assert_eq!(project.body["state"], "active");
    let phases: Vec<(&str, &str)> = project.body["phases"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p["name"].as_str()?, p["state"].as_str()?)))
        .collect();
    assert_eq!(
        phases.iter().map(|p| p.1).collect::<Vec<_>>(),
        ["active", "planned"]
    );

    let base = format!("/api/v1/projects/{}", seeded.project_id);
    let workshops = app.get(&format!("{base}/workshops"), &coordinator).await;
    assert_eq!(states(&workshops.body), ["concluded", "scheduled"]);
    let concluded = workshops.body["items"]
        .as_array()
        .and_then(|l| l.iter().find(|w| w["state"] == "concluded"))
        .cloned();
    let concluded = concluded.expect("a concluded workshop");
    assert_eq!(concluded["kind"], "technical");
    assert_eq!(concluded["outcomes"].as_array().map(Vec::len), Some(3));

    let understandings = app
        .get(&format!("{base}/understandings"), &coordinator)
        .await;
    assert_eq!(
        states(&understandings.body),
        ["adopted", "draft", "proposed", "withdrawn"]
    );
    let proposed = understandings.body["items"]
        .as_array()
        .and_then(|l| l.iter().find(|u| u["state"] == "proposed"))
        .cloned()
        .expect("a proposed text");
    let mut positions: Vec<&str> = proposed["endorsements"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["position"].as_str())
        .collect();
    positions.sort_unstable();
    assert_eq!(
        positions,
        ["endorsed", "pending", "reservation"],
        "mixed positions"
    );

    let actions = app.get(&format!("{base}/actions"), &coordinator).await;
    assert_eq!(states(&actions.body), ["proposed", "proposed"]);
    let fp_ir = app.token("fp.ir").await;
    let seen_by_iran = app.get(&format!("{base}/actions"), &fp_ir).await;
    let scopes: Vec<&str> = seen_by_iran.body["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["scope"].as_str())
        .collect();
    assert_eq!(scopes, ["collective"], "Iran does not see the AF–PK action");

    // What each user may do next: the manager may not complete the phase yet.
    let manager = app.token("manager").await;
    let phase = app
        .get(
            &format!("/api/v1/phases/{}", seeded.initial_phase_id),
            &manager,
        )
        .await;
    let complete = phase.body["allowed_transitions"]
        .as_array()
        .and_then(|l| l.iter().find(|t| t["transition"] == "complete"))
        .cloned()
        .expect("listed");
    assert_eq!(
        (
            complete["allowed"].as_bool(),
            complete["reason_code"].as_str()
        ),
        (Some(false), Some("phase.workshops_open"))
    );
    let admin = app.token("admin").await;
    assert_eq!(
        app.get("/api/v1/audit/verify", &admin).await.body["ok"],
        true
    );
}

#[tokio::test]
async fn the_demo_mails_nobody_about_its_own_past() {
    let app = spawn_app().await;
    let seeded = app.seed_demo_dialogue().await;
    let rows = outbox::Entity::find()
        .all(&app.state.db)
        .await
        .expect("outbox");
    assert!(
        rows.len() > 10,
        "the seeded history did queue its messages: {}",
        rows.len()
    );
    assert!(
        rows.iter()
            .all(|r| r.status == "skipped"
                && r.last_error.as_deref() == Some("demo history: not sent")),
        "{:?}",
        rows.iter()
            .map(|r| (&r.template, &r.status))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        worker::deliver_due(&app.state.postroom())
            .await
            .expect("pass"),
        0
    );
    let files = std::fs::read_dir(app.mail_dir.path())
        .expect("mail dir")
        .count();
    assert_eq!(files, 0, "no message written");

    // What people do afterwards is mailed as usual.
    let coordinator = app.token("coordinator").await;
    let workshops = app
        .get(
            &format!("/api/v1/projects/{}/workshops", seeded.project_id),
            &coordinator,
        )
        .await;
    let scheduled = workshops.body["items"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|w| w["state"] == "scheduled")
        .expect("the scheduled political workshop")
        .clone();
    let starts_at = Utc::now() + Duration::days(40);
    app.transition(
        &coordinator,
        &format!(
            "/api/v1/workshops/{}",
            scheduled["id"].as_str().expect("id")
        ),
        "reschedule",
        scheduled["version"].as_i64().expect("version"),
        json!({"starts_at": starts_at, "ends_at": starts_at + Duration::hours(4)}),
    )
    .await;
    assert!(
        worker::deliver_due(&app.state.postroom())
            .await
            .expect("pass")
            > 0
    );
    let files = std::fs::read_dir(app.mail_dir.path())
        .expect("mail dir")
        .count();
    assert!(files > 0, "the reschedule was mailed");
}
