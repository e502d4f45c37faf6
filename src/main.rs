//! The `virast` binary: parse the command line and hand over to the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match virast::cli::run(virast::cli::Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let (code, message) = virast::cli::exit_status(&err);
            if let Some(message) = message {
                eprintln!("virast: error: {message}");
            }
            ExitCode::from(code)
        }
    }
}
