//! A fresh database for one run: a SQLite file in a temporary folder, or a new
//! PostgreSQL database created beside the one named (as the test suite does), dropped
//! again at the end unless asked to keep it.
use anyhow::Context;
use sea_orm::{ConnectionTrait, Database};

pub enum Fresh {
    Sqlite {
        url: String,
        dir: tempfile::TempDir,
    },
    Postgres {
        url: String,
        admin_url: String,
        name: String,
    },
}

impl Fresh {
    pub async fn sqlite() -> anyhow::Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("concord-bench-")
            .tempdir()
            .context("cannot create a temporary folder")?;
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("concord.db").display()
        );
        Ok(Self::Sqlite { url, dir })
    }

    pub async fn postgres(admin_url: &str) -> anyhow::Result<Self> {
        let name = format!("concord_bench_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(admin_url)
            .await
            .with_context(|| format!("cannot connect to {admin_url}"))?;
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .context("cannot create the benchmark database")?;
        admin.close().await.ok();
        let (base, _) = admin_url
            .rsplit_once('/')
            .context("the PostgreSQL URL must name a database")?;
        Ok(Self::Postgres {
            url: format!("{base}/{name}"),
            admin_url: admin_url.to_owned(),
            name,
        })
    }

    pub fn url(&self) -> &str {
        match self {
            Self::Sqlite { url, .. } | Self::Postgres { url, .. } => url,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Self::Sqlite { dir, .. } => format!("SQLite file in {}", dir.path().display()),
            Self::Postgres { name, .. } => format!("PostgreSQL database {name}"),
        }
    }

    /// Removes the database (the servers must have stopped), or leaves it and says where.
    pub async fn finish(self, keep: bool) -> anyhow::Result<()> {
        match self {
            Self::Sqlite { dir, .. } if keep => {
                println!("kept: {}", dir.keep().display());
            }
            Self::Sqlite { dir, .. } => dir.close()?,
            Self::Postgres { url, .. } if keep => println!("kept: {url}"),
            Self::Postgres {
                admin_url, name, ..
            } => {
                let admin = Database::connect(&admin_url).await?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await?;
            }
        }
        Ok(())
    }
}
