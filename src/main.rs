//! The `concord` command line: a thin shell over the library.
use std::io::Read;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use concord::config::MailTransport;
use concord::domain::commands::{NewUser, RawUser};
use concord::domain::role::Role;
use concord::domain::text::{TextKind, text_problem};
use concord::domain::validation::{FieldErrors, normalize_email};
use concord::secret::SecretUrl;
use concord::store::{self, actions, governments, history, reporting, users};
use concord::{App, Settings, demo, telemetry};

#[derive(Parser)]
#[command(
    name = "concord",
    version,
    about = "Runs a multi-government policy dialogue as a workflow"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database and serve the web app and API.
    Serve {
        /// Address to listen on, e.g. 127.0.0.1:8080 (overrides server.bind).
        #[arg(long)]
        bind: Option<String>,
        /// Load the demo dialogue and accounts into an empty database.
        #[arg(long)]
        demo: bool,
        /// Password of the demo accounts.
        #[arg(long, default_value = demo::DEFAULT_PASSWORD)]
        demo_password: String,
    },
    /// Apply pending database migrations.
    Migrate,
    /// Load the demo data (governments, accounts) into the database.
    SeedDemo {
        #[arg(long, default_value = demo::DEFAULT_PASSWORD)]
        password: String,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Print the effective settings, secrets redacted.
    Config,
    /// Check the history.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Export data in a standard format.
    Export {
        #[command(subcommand)]
        command: ExportCommand,
    },
}

#[derive(Subcommand)]
enum ExportCommand {
    /// Write an IATI 2.03 activity file: one dialogue, or every dialogue that has its
    /// IATI reporting fields set.
    Iati {
        /// The code of one dialogue, e.g. Q33-805.
        #[arg(long)]
        project: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account; the password is read from standard input.
    Add {
        #[arg(long)]
        email: String,
        /// admin, coordinator, focal_point, manager or observer.
        #[arg(long)]
        role: Role,
        /// ISO code of the government a focal point speaks for.
        #[arg(long)]
        government: Option<String>,
        #[arg(long)]
        name: Option<String>,
        /// Read the password from standard input (required: never on the command line).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Walk every entity's hash chain against its head and the newest checkpoint, and
    /// report the first broken link.
    Verify,
    /// Verify, and if the history is intact seal the current heads into a new
    /// checkpoint (run it periodically, e.g. from cron, and keep the printed hash).
    Checkpoint,
    /// Check that each action's list copies (its agreements, note count and newest
    /// note) still say what its record says; they drift only if the tables were edited
    /// by hand.
    Summaries {
        /// Then write every action's copies afresh from its record.
        #[arg(long)]
        repair: bool,
    },
}

/// See Cargo.toml: allocation was a fifth of a request's CPU with glibc's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let mut settings = Settings::load()?;
    match cli.command {
        Command::Config => {
            println!("{}", settings_json(&settings.redacted())?);
        }
        Command::Migrate => {
            let db = store::connect(&settings.database).await?;
            store::migrate(&db).await?;
            println!("database migrated");
        }
        Command::SeedDemo { password } => {
            let db = store::connect(&settings.database).await?;
            store::migrate(&db).await?;
            let passwords = concord::credentials::password::Passwords::new(&settings.auth)?;
            demo::seed(&db, &passwords, &password).await?;
            print_demo_logins(&password);
        }
        Command::Serve {
            bind,
            demo,
            demo_password,
        } => {
            if let Some(bind) = bind {
                settings.server.bind = bind;
            }
            telemetry::init_tracing(&settings.log);
            let app = App::build(settings).await?;
            if demo {
                let state = app.state();
                if users::count(&state.db).await? == 0 {
                    demo::seed(&state.db, &state.passwords, &demo_password).await?;
                    println!("Demo data loaded.");
                } else {
                    println!("The database already has accounts; the demo was not loaded again.");
                }
                print_demo_logins(&demo_password);
            }
            let addr = app.local_addr()?;
            println!("Concord is listening on http://{addr}");
            if let Some(metrics) = app.metrics_addr() {
                println!("Metrics are served on http://{metrics}/metrics");
            }
            println!("{}", mail_summary(&app.state().settings.mail));
            tracing::info!(%addr, "listening");
            app.run_until(concord::app::shutdown_signal()).await?;
        }
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    role,
                    government,
                    name,
                    password_stdin: _,
                },
        } => {
            add_user(&settings, email, role, government, name).await?;
        }
        Command::Audit { command } => {
            let db = store::connect(&settings.database).await?;
            let (report, ok) = match command {
                AuditCommand::Verify => {
                    let report = history::verify(&db).await?;
                    (serde_json::to_string_pretty(&report)?, report.ok)
                }
                AuditCommand::Checkpoint => {
                    let report = history::checkpoint(&db).await?;
                    (serde_json::to_string_pretty(&report)?, report.ok)
                }
                AuditCommand::Summaries { repair } => {
                    let report = actions::audit_summaries(&db, repair).await?;
                    (
                        serde_json::to_string_pretty(&report)?,
                        report.ok || report.repaired,
                    )
                }
            };
            println!("{report}");
            if !ok {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Export {
            command: ExportCommand::Iati { project, out },
        } => {
            let db = store::connect(&settings.database).await?;
            export_iati(&db, project.as_deref(), out.as_deref()).await?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn add_user(
    settings: &Settings,
    email: String,
    role: Role,
    government: Option<String>,
    name: Option<String>,
) -> anyhow::Result<()> {
    // The same text rules as the API: a name with a line feed would break mail headers.
    for (flag, value) in [("--email", Some(&email)), ("--name", name.as_ref())] {
        if let Some(problem) = value.and_then(|v| text_problem(v, TextKind::SingleLine)) {
            bail!("{flag} {problem}");
        }
    }
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .context("cannot read the password from standard input")?;
    let password = password.trim_end_matches(['\r', '\n']).to_owned();
    let mut errors = FieldErrors::default();
    concord::credentials::password::check_password_policy(&mut errors, "password", &password);
    if !errors.is_empty() {
        bail!(
            "the password must be at least {} characters",
            concord::credentials::password::MIN_PASSWORD_CHARS
        );
    }
    let db = store::connect(&settings.database).await?;
    store::migrate(&db).await?;
    let government = match (role.needs_government(), government) {
        (true, None) => bail!("a focal_point needs --government CODE"),
        (false, Some(_)) => bail!("only a focal_point is bound to a government"),
        (true, Some(code)) => Some(
            governments::find_by_code(&db, &code.to_uppercase())
                .await?
                .with_context(|| format!("no government with code {code}"))?,
        ),
        (false, None) => None,
    };
    // The account's fields are parsed as the API parses them.
    let raw = RawUser {
        display_name: name.unwrap_or_else(|| normalize_email(&email)),
        email,
        role,
        government_id: government.as_ref().map(|g| g.id),
        locale: None,
        time_zone: None,
        password: None,
    };
    let parsed = NewUser::parse(raw, government.as_ref().map(|g| g.time_zone.as_str())).map_err(
        |errors| {
            anyhow::anyhow!(
                "the account is refused: {}",
                serde_json::to_string(&errors).unwrap_or_default()
            )
        },
    )?;
    if users::find_by_email(&db, parsed.email()).await?.is_some() {
        bail!("an account with email {} already exists", parsed.email());
    }
    let passwords = concord::credentials::password::Passwords::new(&settings.auth)?;
    let new = users::NewUser::from_parsed(&parsed, Some(passwords.hash(password).await?));
    let row = users::create(&db, None, new).await?;
    println!("created {} ({}) with id {}", row.email, row.role, row.id);
    Ok(())
}

/// `concord export iati`: the dialogues without reporting fields are named on
/// standard error and left out; a file with no activity at all is refused, as the
/// schema requires one.
async fn export_iati(
    db: &store::Db,
    project: Option<&str>,
    out: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    let (activities, skipped) = match reporting::activities_for_export(db, project).await {
        Err(concord::error::AppError::NotFound) => {
            bail!("no dialogue with code {}", project.unwrap_or_default())
        }
        other => other.map_err(|e| anyhow::anyhow!("{e}"))?,
    };
    for code in &skipped {
        eprintln!("left out {code}: it has no IATI reporting fields");
    }
    if activities.is_empty() {
        bail!("no dialogue to export: set the IATI reporting fields of one first");
    }
    let xml = concord::present::iati::write(&activities, store::now())?;
    match out {
        Some(path) => {
            std::fs::write(path, &xml)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!(
                "wrote {} activit{} to {}",
                activities.len(),
                if activities.len() == 1 { "y" } else { "ies" },
                path.display()
            );
        }
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&xml)?;
        }
    }
    Ok(())
}

fn print_demo_logins(password: &str) {
    println!("Demo logins (password: {password}):");
    for (email, _, role, government) in demo::ACCOUNTS {
        let bound = government.map(|g| format!(", {g}")).unwrap_or_default();
        println!("  {email:<24} {role}{bound}");
    }
}

/// Tells a newcomer where the messages go, so the first invitation is not a mystery.
fn mail_summary(mail: &concord::config::MailSettings) -> String {
    let destination = match mail.transport {
        MailTransport::File => format!("written as .eml files to {}/", mail.file_dir),
        MailTransport::Smtp => format!(
            "sent through {}",
            mail.smtp_url
                .as_ref()
                .map(SecretUrl::redacted)
                .unwrap_or_default()
        ),
    };
    if mail.worker_enabled {
        format!("Email is {destination}.")
    } else {
        format!("Email would be {destination}, but this node's outbox worker is off.")
    }
}

fn settings_json(settings: &Settings) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(settings)?)
}
