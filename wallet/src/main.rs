//! `om-wallet`: see the library crate for the pieces.

fn main() {
    std::process::exit(om_wallet::main_with_args());
}
