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

    /// On PostgreSQL, what autovacuum would do after the transitions' writes, before
    /// the reads are measured; answers whether the server's own autovacuum is on.
    ///
    /// An action's transition changes its `state`, which two indexes hold, so no
    /// update of `actions` is a HOT one: every one leaves a dead version of the row
    /// and of each of its index entries. The transitions' rounds update 32 of the 50
    /// listed rows tens of thousands of times. On a server with autovacuum off (this
    /// machine's), after 5-second rounds the list walked 73,397 dead versions of its
    /// 50 rows (97 of 73,494 updates were HOT), and in four runs the bare server's
    /// own small-data list answered 19-32 % fewer requests than its list of a 10k
    /// dialogue: the list measured the missing vacuum (vacuumed: 2 % more). With
    /// autovacuum on, a 50-row table is vacuumed within its one-minute nap. SQLite
    /// updates in place and needs none of this.
    pub async fn vacuum(&self) -> anyhow::Result<Option<bool>> {
        let Self::Postgres { url, .. } = self else {
            return Ok(None);
        };
        let db = Database::connect(url.as_str()).await?;
        let setting = db
            .query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                "SHOW autovacuum",
            ))
            .await?
            .context("SHOW autovacuum answered nothing")?
            .try_get_by_index::<String>(0)?;
        db.execute_unprepared("VACUUM ANALYZE")
            .await
            .context("cannot vacuum the benchmark database")?;
        db.close().await.ok();
        Ok(Some(setting == "on"))
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
