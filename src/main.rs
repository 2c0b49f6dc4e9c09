use clap::Parser;

// Much of the server's memory is allocated on one thread and freed on another (rows read
// by SQLite's worker threads, freed on the async ones); mimalloc handles that pattern
// without the per-thread arenas in which glibc's allocator tends to keep freed memory.
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
