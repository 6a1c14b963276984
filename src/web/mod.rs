//! The HTML door: server-rendered pages for people, beside the JSON API. Pages make
//! the same calls as the API (`auth`, `store`); no validation, permission or state
//! rule is written here, only how things are shown and where the browser goes next.
mod account;
mod actions;
mod admin;
mod assets;
mod calendar;
mod dates;
mod dialogues;
mod door;
mod exports;
mod flash;
mod forms;
mod home;
pub(crate) mod lang;
mod names;
mod page;
mod passwords;
mod phases;
mod reasons;
mod records;
mod reporting;
mod resource;
mod settings;
mod timeline;
mod transitions;
mod understandings;
mod words;
mod workshops;

use axum::Router;
use axum::routing::{get, post};
use tower_http::catch_panic::CatchPanicLayer;

use crate::domain::action::ActionMachine;
use crate::domain::phase::PhaseMachine;
use crate::domain::project::ProjectMachine;
use crate::domain::understanding::UnderstandingMachine;
use crate::domain::workshop::WorkshopMachine;
use crate::error::AppError;
use crate::state::AppState;

pub use door::LANG_COOKIE;

/// The pages, behind their own layers: the session, then the door that shows every
/// error as a page (outermost, so it also sees the session layer's CSRF refusals).
pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/", get(home::show))
        .route(
            "/sign-in",
            get(account::sign_in_form).post(account::sign_in),
        )
        .route("/sign-out", post(account::sign_out))
        .route("/sign-out-everywhere", post(account::sign_out_everywhere))
        .route("/language", post(account::choose_language))
        .route("/account", get(settings::show).post(settings::save_profile))
        .route("/account/notifications", post(settings::save_notifications))
        .route("/account/password", post(settings::change_password))
        .route("/account/calendar", post(calendar::reset))
        .route("/account/calendar/stop", post(calendar::stop))
        .merge(admin::routes())
        .route(
            "/set-password",
            get(passwords::set_form).post(passwords::set),
        )
        .route(
            "/reset-password",
            get(passwords::reset_form).post(passwords::reset),
        )
        .route(
            "/forgot-password",
            get(passwords::forgot_form).post(passwords::forgot),
        )
        .route("/dialogues", get(dialogues::list))
        .route(
            "/dialogues/new",
            get(dialogues::new_form).post(dialogues::create),
        )
        .route("/dialogues/{id}", get(dialogues::show))
        .route("/dialogues/{id}/phases", post(dialogues::add_phase))
        .merge(resource::routes::<ProjectMachine>())
        .route("/phases/{id}", get(phases::show))
        .merge(resource::routes::<PhaseMachine>())
        .route("/phases/{id}/workshops/new", get(workshops::new_form))
        .route("/phases/{id}/workshops", post(workshops::create))
        .route("/workshops/{id}", get(workshops::show))
        .route(
            "/workshops/{id}/attendance",
            post(workshops::set_attendance),
        )
        .route("/workshops/{id}/outcomes", post(workshops::log_outcome))
        .route("/workshops/{id}/reschedule", post(workshops::reschedule))
        .merge(resource::routes::<WorkshopMachine>())
        .route(
            "/phases/{id}/understandings/new",
            get(understandings::new_form),
        )
        .route("/phases/{id}/understandings", post(understandings::create))
        .route("/understandings/{id}", get(understandings::show))
        .route(
            "/understandings/{id}/position",
            post(understandings::set_position),
        )
        .route("/understandings/{id}/text", post(understandings::edit_text))
        .merge(resource::routes::<UnderstandingMachine>())
        .route("/dialogues/{id}/actions", get(actions::board))
        .route("/dialogues/{id}/actions.csv", get(exports::actions))
        .route(
            "/dialogues/{id}/understandings.csv",
            get(exports::understandings),
        )
        .route("/dialogues/{id}/workshops.csv", get(exports::workshops))
        .route("/phases/{id}/actions/new", get(actions::new_form))
        .route("/phases/{id}/actions", post(actions::create))
        .route("/actions/{id}", get(actions::show))
        .route("/actions/{id}/agreement", post(actions::agree))
        .route("/actions/{id}/progress", post(actions::report))
        .merge(resource::routes::<ActionMachine>())
        .route(
            "/dialogues/{id}/history",
            get(records::entity::<ProjectMachine>),
        )
        .route("/dialogues/{id}/history/all", get(records::dialogue))
        .route("/dialogues/{id}/framework", get(records::framework))
        .route(
            "/dialogues/{id}/reporting",
            get(reporting::show).post(reporting::save),
        )
        .route("/phases/{id}/history", get(records::entity::<PhaseMachine>))
        .route(
            "/workshops/{id}/history",
            get(records::entity::<WorkshopMachine>),
        )
        .route(
            "/understandings/{id}/history",
            get(records::entity::<UnderstandingMachine>),
        )
        .route(
            "/actions/{id}/history",
            get(records::entity::<ActionMachine>),
        )
        .route(assets::STYLESHEET_ROUTE, get(assets::stylesheet))
        // Every address the API does not own is the pages': a browser that opens one
        // gets a page saying there is nothing there, not JSON.
        .fallback(|| async { AppError::NotFound })
        // A panic in a page handler is answered inside the door, so it is a page too.
        .layer(CatchPanicLayer::custom(|_| {
            axum::response::IntoResponse::into_response(AppError::Internal(anyhow::anyhow!(
                "a page handler panicked"
            )))
        }))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            flash::clear_shown,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::auth::session::resolve,
        ))
        .layer(axum::middleware::from_fn_with_state(state, door::door))
}
