use clap::Parser;

// Rows read by SQLite's worker threads are freed on the async threads; glibc's allocator
// keeps such memory in per-thread arenas (a full export grew the server by 350 MiB), while
// mimalloc returns it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = crm::cli::Cli::parse();
    crm::cli::init_tracing(cli.log_json());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("cannot start the async runtime");
    match runtime.block_on(crm::cli::run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
