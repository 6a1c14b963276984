//! The one shape every state machine of the dialogue has.
//!
//! DESIGN — what adding a sixth machine takes (say a `report`: draft → submitted →
//! accepted). Three pieces, and no runner, handler or history code is written again:
//!
//! 1. **One domain file**, `domain/report.rs`: its states and transitions
//!    (`named_enum!`), the facts its guards need (`ReportFacts`), and
//!    `impl StateMachine for ReportMachine` with `check` (the guards, in the order a
//!    person can act on: role first) and `decide` (next state, reason, notices).
//!    `allowed_transitions` and the parsing of a requested name come with the trait.
//!    Add `Machine::Report` to `refusal.rs` for its refusal codes.
//! 2. **One store impl**, `impl Stored for ReportMachine` in `store/reports.rs`: its
//!    entity, who may see a row, what to load beside it (`Related`, batch-loaded for a
//!    list page or one row; a list page loads only what a list item shows), the facts
//!    and the view built from that, and the columns a decision stamps beyond
//!    state/version/updated_at (a reason, a date). The runner (`store::runner`) does
//!    the rest: begin, lock, visibility, facts, decide, version, update, history +
//!    outbox, view, commit; and a list page (`runner::list_page`), whose items name
//!    only the transitions allowed now.
//! 3. **One router line**, `.merge(resource::routes::<ReportMachine>("/reports"))`,
//!    which serves `GET /reports/{id}`, `POST /reports/{id}/transitions` and
//!    `GET /reports/{id}/history` (the view's JSON body is its `IntoBody` impl).
use std::fmt::Display;
use std::str::FromStr;

use super::named::Named;
use super::refusal::{Machine, Refusal};
use super::transition::{Actor, Availability, Decision, Detail, TransitionInput};
use super::validation::FieldErrors;

pub trait StateMachine {
    /// Names the machine in refusal codes, the history and the outbox.
    const MACHINE: Machine;
    /// The transitions a client may request and every read offers, in this order.
    const REQUESTABLE: &'static [Self::Transition];

    type State: Named + FromStr<Err: Display> + Send + Sync + 'static;
    type Transition: Named + Send + Sync + 'static;
    /// What a client may ask for: the transition itself, or a narrower type when some
    /// transitions only follow from other events (an understanding's `adopt`).
    type Request: Copy + Into<Self::Transition> + FromStr<Err: Display> + Send + Sync;
    /// What the guards know beyond the row's own state, loaded by the store.
    type Facts: Send + Sync;

    /// The guards: the state `transition` leads to, or why it may not be taken now.
    /// Used for `allowed_transitions`, so it must not need the request's payload.
    fn check(
        state: Self::State,
        transition: Self::Transition,
        facts: &Self::Facts,
        actor: &Actor,
    ) -> Result<Self::State, Refusal>;

    /// `check`, then the payload rules (a reason, new times), the history entry and
    /// who is told.
    fn decide(
        state: Self::State,
        transition: Self::Transition,
        facts: &Self::Facts,
        actor: &Actor,
        input: &TransitionInput,
    ) -> Result<Decision<Self::State>, Refusal>;

    /// For `actor`, the requestable transitions as `detail` tells: on a single read
    /// each one, allowed now or why not; on a list item only the allowed ones.
    fn allowed_transitions(
        state: Self::State,
        facts: &Self::Facts,
        actor: &Actor,
        detail: Detail,
    ) -> Vec<Availability> {
        detail.availability(Self::REQUESTABLE, Named::name, |t| {
            Self::check(state, t, facts, actor).map(|_| ())
        })
    }

    /// A requested transition by name, or the error on the field `transition` listing
    /// the names that may be requested.
    fn parse_request(name: &str) -> Result<Self::Request, FieldErrors> {
        name.parse().map_err(|e: <Self::Request as FromStr>::Err| {
            let mut errors = FieldErrors::default();
            errors.add("transition", e.to_string());
            errors
        })
    }
}
