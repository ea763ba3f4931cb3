//! A small fixed-seed generator (xorshift64) for the tests that compare a reader with the code
//! it replaced on generated texts: a failure names a text anyone can generate again.

/// xorshift64 from a non-zero seed.
pub(crate) struct Xorshift(pub(crate) u64);

impl Xorshift {
    /// The next state.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One of `from`.
    pub(crate) fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}
