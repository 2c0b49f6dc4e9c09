//! A throwaway PostgreSQL cluster on a free port in a temporary folder, for tests that stop
//! and start the database under a running server. The shared test server is never touched.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use super::{free_port, is_root, run};

pub struct PgCluster {
    dir: PathBuf,
    bin: PathBuf,
    pub port: u16,
    root: bool,
}

/// The newest installed PostgreSQL's binaries.
fn binaries() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("pg_ctl").exists())
        .collect();
    versions.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name()?.to_str()?.parse::<u32>().ok())
            .unwrap_or(0)
    });
    versions.pop()
}

impl PgCluster {
    /// A running cluster with an empty database `crm`; `None` (the test is skipped) when
    /// PostgreSQL is not installed, unless `CRM_REQUIRE_POSTGRES=1`.
    pub fn start() -> Option<PgCluster> {
        let Some(bin) = binaries() else {
            assert!(
                !std::env::var("CRM_REQUIRE_POSTGRES").is_ok_and(|v| v == "1"),
                "CRM_REQUIRE_POSTGRES=1 but no PostgreSQL in /usr/lib/postgresql"
            );
            eprintln!("PostgreSQL binaries not found in /usr/lib/postgresql: skipped");
            return None;
        };
        let dir = std::env::temp_dir().join(format!("crm_pg_{}", crm::auth::random_hex(6)));
        std::fs::create_dir_all(&dir).unwrap();
        let root = is_root();
        let cluster = PgCluster {
            dir,
            bin,
            port: free_port(),
            root,
        };
        if root {
            // initdb refuses to run as root: the cluster belongs to `postgres`.
            run(
                "chown".as_ref(),
                &["postgres:postgres", cluster.dir.to_str().unwrap()],
            );
        }
        let data = cluster.data();
        cluster.pg(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
                "--no-instructions",
            ],
        );
        cluster.start_again();
        run(
            &cluster.bin.join("createdb"),
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &cluster.port.to_string(),
                "-U",
                "postgres",
                "crm",
            ],
        );
        Some(cluster)
    }

    fn data(&self) -> String {
        self.dir.join("data").to_str().unwrap().to_string()
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/crm", self.port)
    }

    /// Runs a PostgreSQL tool as the cluster's owner.
    fn pg(&self, tool: &str, args: &[&str]) -> String {
        let tool = self.bin.join(tool);
        if self.root {
            let mut all = vec!["-u", "postgres", "--", tool.to_str().unwrap()];
            all.extend_from_slice(args);
            run("runuser".as_ref(), &all)
        } else {
            run(&tool, args)
        }
    }

    pub fn start_again(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1",
            self.port,
            self.dir.display()
        );
        let log = self.dir.join("log").to_str().unwrap().to_string();
        self.pg(
            "pg_ctl",
            &[
                "-D",
                &self.data(),
                "-o",
                &options,
                "-l",
                &log,
                "-w",
                "start",
            ],
        );
    }

    /// Fast shutdown: sessions are ended at once, as in an outage.
    pub fn stop(&self) {
        self.pg("pg_ctl", &["-D", &self.data(), "-m", "fast", "-w", "stop"]);
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let tool = self.bin.join("pg_ctl");
        let data = self.data();
        let args = ["-D", data.as_str(), "-m", "immediate", "stop"];
        let mut cmd = if self.root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--", tool.to_str().unwrap()]);
            c
        } else {
            Command::new(&tool)
        };
        let _ = cmd
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
