//! Work split into two fixed halves, on two threads where the machine allows.
//!
//! The halves are fixed by the input's length, never by the number of cores, and their results
//! are joined in order by the caller, so the outcome is the same bit for bit on any machine.
//! Only work whose halves combine exactly (lists joined in order, sums of whole pence) uses it.

use std::cell::Cell;
use std::ops::Range;

/// Below this many items one thread is quicker than two.
const MIN_TO_SPLIT: usize = 4096;

thread_local! {
    /// Set while this thread's caller already keeps every core busy (a Monte Carlo worker):
    /// splitting again would only add threads.
    static ONE_THREAD: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with every split on this thread done on this thread alone. The figures are the
/// same either way (the halves combine exactly); only the threads differ.
pub fn on_one_thread<T>(f: impl FnOnce() -> T) -> T {
    let before = ONE_THREAD.with(|c| c.replace(true));
    let out = f();
    ONE_THREAD.with(|c| c.set(before));
    out
}

/// Runs `work` on the first and second halves of `0..n` and returns both results, first half
/// first. If a second thread cannot be started, both halves run on this one.
pub fn in_halves<T: Send>(n: usize, work: impl Fn(Range<usize>) -> T + Sync) -> (T, Option<T>) {
    in_halves_at(n, n / 2, n, work)
}

/// Runs `work` on `0..split` and `split..n` (splitting only when the job's `size` is worth it,
/// and `split` is fixed by the input, never by the machine), first part first.
pub fn in_halves_at<T: Send>(
    size: usize,
    split: usize,
    n: usize,
    work: impl Fn(Range<usize>) -> T + Sync,
) -> (T, Option<T>) {
    let half = split.min(n);
    if size < MIN_TO_SPLIT || half == 0 || half == n || ONE_THREAD.with(Cell::get) {
        return (work(0..n), None);
    }
    std::thread::scope(|scope| {
        let second = std::thread::Builder::new().spawn_scoped(scope, || work(half..n));
        let first = work(0..half);
        let second = match second.map(std::thread::ScopedJoinHandle::join) {
            Ok(Ok(rest)) => rest,
            _ => work(half..n),
        };
        (first, Some(second))
    })
}
