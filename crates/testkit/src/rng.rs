//! Small deterministic random numbers for generated sheets and mutations: the two generators
//! the tests and the bench already used (xorshift64* and plain xorshift64), unchanged sequences.

macro_rules! helpers {
    () => {
        /// A number in `0..n` (`0` when `n` is 0).
        pub fn below(&mut self, n: usize) -> usize {
            (self.next_u64() % n.max(1) as u64) as usize
        }

        /// True with the given chance in percent.
        pub fn chance(&mut self, percent: u64) -> bool {
            self.next_u64() % 100 < percent
        }

        /// One element of a non-empty slice.
        pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[self.below(items.len())]
        }

        /// Fisher–Yates from the end: `for i in (1..len).rev() { swap(i, below(i + 1)) }`.
        pub fn shuffle<T>(&mut self, items: &mut [T]) {
            for i in (1..items.len()).rev() {
                let j = self.below(i + 1);
                items.swap(i, j);
            }
        }
    };
}

/// xorshift64* (shifts 12/25/27, multiplier 0x2545F4914F6CDD1D), the generator of
/// `pacesetter bench` and of the county-sheet variants. A zero state stays zero: seed with
/// [`Rng::new`] from a non-zero constant or use [`Rng::mixed`].
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// Starts from exactly this state (the bench uses `0x9E37_79B9_7F4A_7C15`).
    pub const fn new(state: u64) -> Self {
        Rng(state)
    }

    /// Starts from a small seed (0, 1, 2 …), spread over the state and never zero:
    /// `seed * 0x9E3779B97F4A7C15 | 1`, as the county-sheet variants did.
    pub const fn mixed(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    helpers!();
}

/// Plain xorshift64 (shifts 13/7/17; the output is the state), the generator of the hostile-file
/// mutations and of the crash test's kill times. A zero state stays zero.
#[derive(Debug, Clone)]
pub struct XorShift64(u64);

impl XorShift64 {
    pub const fn new(state: u64) -> Self {
        XorShift64(state)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    helpers!();
}

#[cfg(test)]
mod tests {
    use super::*;

    // Golden values computed from the copies this crate replaces (bench_sheet.rs, hostile_files.rs,
    // crash_safety.rs), so generated sheets and bench numbers stay comparable.
    #[test]
    fn sequences_are_unchanged() {
        let mut r = Rng::new(0x9E37_79B9_7F4A_7C15);
        let got: Vec<u64> = (0..4).map(|_| r.next_u64()).collect();
        assert_eq!(got, [0x0d83_b3e2_9a21_487a, 0x54c4_4c79_f1fe_9d67, 0xa845_f342_007a_0e78, 0x7d6e_0b87_8a79_4779]);
        let mut x = XorShift64::new(0x5EED_1234_ABCD_0001);
        let got: Vec<u64> = (0..4).map(|_| x.next_u64()).collect();
        assert_eq!(got, [0x5dd5_f3f6_e558_ba41, 0x106a_eaea_3f1e_bb75, 0xc90a_3512_0d26_fb43, 0xc608_5b8b_b300_0675]);
        let mut k = XorShift64::new(0x9E37_79B9_7F4A_7C15);
        assert_eq!(k.next_u64(), 0xdc1b_77ae_0bf3_4dad);
    }

    #[test]
    fn helpers_follow_next() {
        let (mut a, mut b) = (Rng::mixed(7), Rng::mixed(7));
        assert_eq!(a.below(10), (b.next_u64() % 10) as usize);
        assert_eq!(a.chance(30), b.next_u64() % 100 < 30);
        let items = ["甲", "乙", "丙"];
        assert_eq!(a.pick(&items), &items[(b.next_u64() % 3) as usize]);
        assert_eq!(a.below(0), 0);
        let mut v: Vec<u32> = (0..20).collect();
        a.shuffle(&mut v);
        let mut sorted = v.clone();
        sorted.sort();
        assert_eq!(sorted, (0..20).collect::<Vec<_>>());
        assert_ne!(v, sorted);
        assert_ne!(Rng::mixed(0).next_u64(), 0);
    }
}
