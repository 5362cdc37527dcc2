//! `cargo bench`: runs every benchmark suite (the same code as `decouple bench`), with the
//! binary's allocator.

#[global_allocator]
static ALLOCATOR: decouple_cli::allocator::Allocator = decouple_cli::allocator::Allocator;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    for (name, suite) in decouple_cli::bench::SUITES {
        decouple_cli::bench::print(name, &suite(quick));
    }
}
