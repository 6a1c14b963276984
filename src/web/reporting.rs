//! `/dialogues/{id}/reporting`: a dialogue's IATI reporting fields, the link to its
//! IATI file, and (for coordinators and admins) the form that sets them, through the
//! same store call as `PUT /api/v1/projects/{id}/reporting`.
use askama::Template;
use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use uuid::Uuid;

use super::dates;
use super::dialogues::with_flash;
use super::flash::Flash;
use super::forms::{FormErrors, Kept, Shape, Trouble};
use super::page::{Page, render_with_status};
use crate::auth::CurrentUser;
use crate::auth::session::Session;
use crate::domain::iati::reporting::RawReporting;
use crate::domain::role::Organiser;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::entities::project_reporting;
use crate::store::reporting::{self, ReportingView};

/// The form's fields, named as the API's body names them.
const FORM: [(&str, Shape); 13] = [
    ("version", Shape::Integer),
    ("reporting_org_name", Shape::Text),
    ("reporting_org_ref", Shape::Text),
    ("reporting_org_type", Shape::Text),
    ("funder_name", Shape::Text),
    ("funder_ref", Shape::Text),
    ("currency", Shape::Text),
    ("budget_amount", Shape::Text),
    ("sector_code", Shape::Text),
    ("planned_start", Shape::Optional),
    ("planned_end", Shape::Optional),
    ("actual_start", Shape::Optional),
    ("actual_end", Shape::Optional),
];

/// One field of the form: its name, its label's message key, its input type, and
/// whether it is written left to right whatever the page's direction (codes, dates).
pub struct Field {
    pub name: &'static str,
    pub label: String,
    pub kind: &'static str,
    pub ltr: bool,
    pub hint: Option<String>,
}

/// One stored value as the page shows it.
pub struct Shown {
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "web/reporting.html")]
struct ReportingPage {
    p: Page,
    id: Uuid,
    code: String,
    title: String,
    version: i32,
    identifier: Option<String>,
    shown: Vec<Shown>,
    may_edit: bool,
    fields: Vec<Field>,
    kept: Kept,
    errors: FormErrors,
    trouble: Option<Trouble>,
}

fn fields(p: &Page) -> Vec<Field> {
    let field = |name: &'static str, label: String, kind: &'static str, hint: Option<String>| {
        Field {
            name,
            label,
            kind,
            // Names read in the page's direction; codes, amounts and dates left to right.
            ltr: !name.ends_with("_name"),
            hint,
        }
    };
    let org_ref = || Some(p.t("iati-hint-org-ref"));
    vec![
        field(
            "reporting_org_name",
            p.t("iati-reporting-org-name"),
            "text",
            None,
        ),
        field(
            "reporting_org_ref",
            p.t("iati-reporting-org-ref"),
            "text",
            org_ref(),
        ),
        field(
            "reporting_org_type",
            p.t("iati-reporting-org-type"),
            "text",
            Some(p.t("iati-hint-org-type")),
        ),
        field("funder_name", p.t("iati-funder-name"), "text", None),
        field("funder_ref", p.t("iati-funder-ref"), "text", org_ref()),
        field(
            "currency",
            p.t("iati-currency"),
            "text",
            Some(p.t("iati-hint-currency")),
        ),
        field(
            "budget_amount",
            p.t("iati-budget-amount"),
            "text",
            Some(p.t("iati-hint-amount")),
        ),
        field(
            "sector_code",
            p.t("iati-sector-code"),
            "text",
            Some(p.t("iati-hint-sector")),
        ),
        field("planned_start", p.t("iati-planned-start"), "date", None),
        field("planned_end", p.t("iati-planned-end"), "date", None),
        field("actual_start", p.t("iati-actual-start"), "date", None),
        field("actual_end", p.t("iati-actual-end"), "date", None),
    ]
}

/// The stored fields as form values, for a form opened afresh.
fn kept_from(version: i32, r: Option<&project_reporting::Model>) -> Kept {
    let mut pairs = vec![("version".to_owned(), version.to_string())];
    if let Some(r) = r {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        for (name, value) in [
            ("reporting_org_name", r.reporting_org_name.clone()),
            ("reporting_org_ref", r.reporting_org_ref.clone()),
            ("reporting_org_type", r.reporting_org_type.clone()),
            ("funder_name", text(&r.funder_name)),
            ("funder_ref", text(&r.funder_ref)),
            ("currency", text(&r.currency)),
            ("budget_amount", text(&r.budget_amount)),
            ("sector_code", text(&r.sector_code)),
            ("planned_start", r.planned_start.to_string()),
            ("planned_end", day(r.planned_end)),
            ("actual_start", day(r.actual_start)),
            ("actual_end", day(r.actual_end)),
        ] {
            pairs.push((name.to_owned(), value));
        }
    }
    Kept::new(pairs)
}

fn shown(p: &Page, r: &project_reporting::Model) -> Vec<Shown> {
    let line = |label: String, value: String| Shown { label, value };
    let mut lines = vec![line(
        p.t("iati-reporting-org-name"),
        format!(
            "{} ({}, {})",
            r.reporting_org_name, r.reporting_org_ref, r.reporting_org_type
        ),
    )];
    if let Some(funder) = &r.funder_name {
        let reference = r
            .funder_ref
            .as_ref()
            .map(|f| format!(" ({f})"))
            .unwrap_or_default();
        lines.push(line(
            p.t("iati-funder-name"),
            format!("{funder}{reference}"),
        ));
    }
    if let (Some(amount), Some(currency)) = (&r.budget_amount, &r.currency) {
        lines.push(line(p.t("iati-budget-amount"), {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("currency", currency.as_str());
            args.set("amount", p.lang.amount(amount));
            p.tr.format("iati-budget-value", &args)
        }));
    }
    if let Some(sector) = &r.sector_code {
        lines.push(line(p.t("iati-sector-code"), sector.clone()));
    }
    lines.push(line(
        p.t("iati-planned"),
        dates::span(p, Some(r.planned_start), r.planned_end),
    ));
    if r.actual_start.is_some() {
        lines.push(line(
            p.t("iati-actual"),
            dates::span(p, r.actual_start, r.actual_end),
        ));
    }
    lines
}

async fn page(
    p: Page,
    actor_may_edit: bool,
    view: ReportingView,
    kept: Option<Kept>,
    errors: FormErrors,
    trouble: Option<(StatusCode, Trouble)>,
) -> Result<Response, AppError> {
    let (status, trouble) = match trouble {
        Some((status, t)) => (status, Some(t)),
        None => (StatusCode::OK, None),
    };
    let r = view.reporting.as_ref();
    let page = ReportingPage {
        id: view.project.id,
        identifier: r.map(|r| format!("{}-{}", r.reporting_org_ref, view.project.code)),
        shown: r.map(|r| shown(&p, r)).unwrap_or_default(),
        kept: kept.unwrap_or_else(|| kept_from(view.project.version, r)),
        version: view.project.version,
        code: view.project.code,
        title: view.project.title,
        may_edit: actor_may_edit,
        fields: fields(&p),
        errors,
        trouble,
        p,
    };
    render_with_status(status, &page, &page.p.tr)
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let actor = user.actor();
    let view = reporting::find(&state.db, &actor, id).await?;
    let may_edit = Organiser::check(actor).is_ok();
    page(p, may_edit, view, None, FormErrors::none(), None).await
}

/// As `PUT /api/v1/projects/{id}/reporting`: 404, 403, then the fields, then the
/// version; a refused form comes back with what was typed and each error beside its
/// field.
pub async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    session: Option<Extension<Session>>,
    jar: CookieJar,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let actor = user.actor();
    let kept = Kept::new(pairs);
    let result = match kept.parse::<RawReporting>(&FORM) {
        Ok(raw) => reporting::save(&state.db, &actor, id, &raw).await,
        // Sight and role first, as the API answers them, before the fields.
        Err(errors) => match reporting::find(&state.db, &actor, id).await {
            Ok(_) => Organiser::check(actor)
                .map_err(AppError::from)
                .and(Err(AppError::Validation(errors))),
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(_) => {
            let flash = Flash::notice(p.t("iati-saved"));
            let jar = with_flash(jar, &state, session, flash);
            Ok((jar, Redirect::to(&format!("/dialogues/{id}/reporting"))).into_response())
        }
        Err(err) => {
            let errors = match &err {
                AppError::Validation(errors) => FormErrors::said(&p, errors),
                _ => FormErrors::none(),
            };
            let trouble = Trouble::of(&p, err)?;
            let view = reporting::find(&state.db, &actor, id).await?;
            page(p, true, view, Some(kept), errors, Some(trouble)).await
        }
    }
}
