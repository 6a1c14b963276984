//! How many SQL statements a request costs, counted at the connection: a list page
//! costs the same for 5 items as for 50 (no statement per item), and a transition a
//! small fixed number. The figures measured are written down so a change that adds
//! statements to these hot paths shows here.
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::json;

use crate::fixtures::active_dialogue;
use crate::helpers::{TestApp, spawn_counting_app};

/// Statements run while `request` is answered.
async fn cost<F: std::future::Future<Output = crate::helpers::Reply>>(
    counter: &AtomicUsize,
    request: F,
) -> usize {
    let before = counter.load(Ordering::SeqCst);
    let reply = request.await;
    assert!(reply.status.is_success(), "{}", reply.body);
    counter.load(Ordering::SeqCst) - before
}

async fn add_actions(app: &TestApp, phase: &str, token: &str, count: usize) {
    for i in 0..count {
        let reply = app
            .post(
                &format!("/api/v1/phases/{phase}/actions"),
                token,
                json!({"title": format!("Action {i}"), "scope": "collective", "due_date": "2027-03-01"}),
            )
            .await;
        assert_eq!(reply.status.as_u16(), 201, "{}", reply.body);
    }
}

#[tokio::test]
async fn a_list_page_and_a_transition_cost_a_fixed_number_of_statements() {
    let (app, counter) = spawn_counting_app().await;
    let d = active_dialogue(&app).await;
    let list = format!("/api/v1/projects/{}/actions", d.project_id);
    add_actions(&app, &d.initial_phase_id, &d.coordinator, 5).await;
    let five = cost(
        &counter,
        app.get(&format!("{list}?limit=5"), &d.coordinator),
    )
    .await;
    add_actions(&app, &d.initial_phase_id, &d.coordinator, 45).await;
    let fifty = cost(
        &counter,
        app.get(&format!("{list}?limit=50"), &d.coordinator),
    )
    .await;
    eprintln!("statements: list of 5 = {five}, list of 50 = {fifty}");
    assert_eq!(fifty, five, "a statement per item somewhere");

    let project = format!("/api/v1/projects/{}", d.project_id);
    let version = app.get(&project, &d.coordinator).await.body["version"]
        .as_i64()
        .expect("version");
    let transition = cost(
        &counter,
        app.transition(
            &d.coordinator,
            &project,
            "suspend",
            version,
            json!({"reason": "pause"}),
        ),
    )
    .await;
    eprintln!("statements: one transition = {transition}");
    assert_eq!(five, LIST_STATEMENTS, "statements of a list page");
    assert_eq!(
        transition, TRANSITION_STATEMENTS,
        "statements of a transition"
    );
}

/// Measured on SQLite and PostgreSQL alike (sign-in user row included): a list page
/// 6 (issue 8 asks for fewer: a bare server does 1), a dialogue transition 11 (bare: 5;
/// it was 14 when the answer re-read the dialogue after COMMIT). Asserted exactly, so
/// a cut shows here as well as an addition: lower them as statements are cut, never
/// raise them without saying why.
const LIST_STATEMENTS: usize = 6;
const TRANSITION_STATEMENTS: usize = 11;
