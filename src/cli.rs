//! The command line: `crm serve | migrate | seed | user`.

use clap::{Parser, Subcommand, ValueEnum};
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

use crate::config::{Config, DatabaseArgs, ServeArgs, WorkerArgs};
use crate::db::{self, Db};
use crate::domain::user::{Role, UserChanges};
use crate::jobs::dispatcher::Dispatcher;
use crate::state::AppState;

#[derive(Parser, Debug)]
#[command(
    name = "crm",
    version,
    about = "A CRM for sales teams: one binary, SQLite or PostgreSQL."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    pub fn log_json(&self) -> bool {
        matches!(&self.command, Command::Serve(args) if args.log_json)
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Apply pending migrations, then serve the API and web app, and send reminder emails,
    /// until SIGINT/SIGTERM.
    Serve(ServeArgs),
    /// Only send reminder emails (run several, on any machines, against one database).
    Worker(WorkerArgs),
    /// Apply pending migrations and exit.
    Migrate(DatabaseArgs),
    /// Load data: `--demo` for the demo users and leads (running it twice changes nothing).
    Seed(SeedArgs),
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(clap::Args, Debug)]
pub struct SeedArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// The demo users and ten leads.
    #[arg(long)]
    pub demo: bool,
    /// N synthetic leads with related rows, for benchmarks.
    #[arg(long, value_name = "N")]
    pub bulk: Option<u64>,
}

#[derive(Copy, Clone, Debug, ValueEnum)]
pub enum RoleArg {
    Manager,
    Agent,
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create a user; the password comes from CRM_PASSWORD or is asked for.
    Create {
        #[command(flatten)]
        database: DatabaseArgs,
        #[arg(long)]
        username: String,
        #[arg(long, default_value = "")]
        email: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        #[arg(long, default_value = "")]
        first_name: String,
        #[arg(long, default_value = "")]
        last_name: String,
    },
}

pub fn init_tracing(json: bool) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn open(database: &DatabaseArgs) -> anyhow::Result<Db> {
    let db = Db::connect(&database.database_url).await?;
    db::migrate::run(&db).await?;
    Ok(db)
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => {
            crate::server::raise_open_file_limit();
            let db = open(&args.database).await?;
            let state = AppState::new(
                db.clone(),
                Config::from_args(&args),
                args.jwt_secret.clone(),
            )
            .await?
            .with_mailer(crate::jobs::mailer::Mailer::new(
                args.dispatch.smtp_url.as_ref(),
                &args.dispatch.mail_from,
                args.dispatch.mail_timeout,
            )?);
            let signal = crate::server::shutdown_signal();
            let listener = TcpListener::bind(&args.bind)
                .await
                .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", args.bind))?;
            tracing::info!(
                "CRM listening on http://{} ({})",
                listener.local_addr()?,
                db::redact_url(&args.database.database_url)
            );
            let (stop, stopped) = tokio::sync::watch::channel(false);
            let dispatcher = tokio::spawn(Dispatcher::new(db, args.dispatch.clone())?.run(stopped));
            let shutdown = async move {
                signal.await;
                let _ = stop.send(true);
            };
            crate::server::serve(listener, state, shutdown).await?;
            dispatcher.await?;
            Ok(())
        }
        Command::Worker(args) => {
            let db = open(&args.database).await?;
            tracing::info!(
                "reminder worker on {}",
                db::redact_url(&args.database.database_url)
            );
            let signal = crate::server::shutdown_signal();
            let (stop, stopped) = tokio::sync::watch::channel(false);
            let dispatcher = tokio::spawn(Dispatcher::new(db, args.dispatch)?.run(stopped));
            signal.await;
            let _ = stop.send(true);
            dispatcher.await?;
            Ok(())
        }
        Command::Migrate(database) => {
            let db = Db::connect(&database.database_url).await?;
            let n = db::migrate::run(&db).await?;
            println!("{n} migration(s) applied");
            Ok(())
        }
        Command::Seed(args) => {
            if !args.demo && args.bulk.is_none() {
                anyhow::bail!("say what to load: --demo and/or --bulk N");
            }
            let db = open(&args.database).await?;
            if args.demo {
                println!("{}", crate::seed::demo(&db).await?);
            }
            if let Some(n) = args.bulk {
                println!("{}", crate::seed::bulk::bulk_with_report(&db, n).await?);
            }
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Create {
                    database,
                    username,
                    email,
                    role,
                    first_name,
                    last_name,
                },
        } => {
            let password = match std::env::var("CRM_PASSWORD") {
                Ok(p) => p,
                Err(_) => rpassword::prompt_password(format!("Password for {username}: "))?,
            };
            let role = match role {
                RoleArg::Manager => Role::Manager,
                RoleArg::Agent => Role::Agent,
            };
            let changes = UserChanges {
                username: Some(username),
                email: Some(email),
                first_name: Some(first_name),
                last_name: Some(last_name),
                role: Some(role),
                is_active: None,
                password: Some(password.clone()),
            }
            .check_create()?;
            let db = open(&database).await?;
            let hash = crate::auth::password::hash(password).await?;
            let user =
                db::users::create(&db, &crate::domain::Actor::system(), &changes, &hash).await?;
            println!("created {} #{} ({})", user.username, user.id, role.as_str());
            Ok(())
        }
    }
}
