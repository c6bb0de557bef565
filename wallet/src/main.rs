//! `om-wallet`: see the library crate for the pieces.

fn main() -> std::process::ExitCode {
    om_wallet::main_with_args()
}
