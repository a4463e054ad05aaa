// Prints the guest's machine and arguments; its tests run through the
// Cargo runner (ferry) when cross-compiled.
use std::env;

fn machine() -> String {
    env::consts::ARCH.to_string()
}

fn main() {
    println!("arch: {}", machine());
    for (i, a) in env::args().enumerate().skip(1) {
        println!("arg {}: {}", i, a);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs_as_the_target() {
        // a test binary that ran at all ran through the runner: the host
        // cannot execute it
        assert!(["riscv64", "aarch64"].contains(&super::machine().as_str()));
    }

    #[test]
    fn threads_and_collections() {
        let h: Vec<_> = (0..4).map(|i| std::thread::spawn(move || i * i)).collect();
        let s: i32 = h.into_iter().map(|t| t.join().unwrap()).sum();
        assert_eq!(s, 14);
    }
}
