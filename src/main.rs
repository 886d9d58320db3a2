//! The `checkpoint` binary: parse the command line and dispatch.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = checkpoint::cli::Cli::parse();
    match checkpoint::commands::run(cli) {
        Ok(code) => code,
        // `checkpoint questions | head` closes the pipe early: not an error worth a word.
        Err(e) if is_broken_pipe(&e) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // Errors quote files and names: nothing in them may act on the terminal.
            eprintln!(
                "error: {}",
                checkpoint::text::printable_lines(&format!("{e:#}"))
            );
            std::process::ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
