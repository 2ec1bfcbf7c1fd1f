//! Sharing money between councils so the parts add up to the whole to the penny.

use crate::model::Money;

/// Splits `total` in proportion to `weights` by the largest-remainder method: each share is
/// rounded down to the penny and the pennies left go to the largest remainders (the earlier
/// council on a tie). Weights that are all zero (or not numbers) share equally. The shares always
/// add up to `total` exactly.
pub fn allocate(total: Money, weights: &[f64]) -> Vec<Money> {
    let n = weights.len();
    if n == 0 {
        return Vec::new();
    }
    let clean: Vec<f64> = weights
        .iter()
        .map(|w| if w.is_finite() && *w > 0.0 { *w } else { 0.0 })
        .collect();
    let sum: f64 = clean.iter().sum();
    let ratios: Vec<f64> = if sum > 0.0 {
        clean.iter().map(|w| w / sum).collect()
    } else {
        vec![1.0 / n as f64; n]
    };
    let negative = total.pence() < 0;
    let abs = i128::from(total.pence().unsigned_abs());
    let mut shares: Vec<i128> = Vec::with_capacity(n);
    let mut remainders: Vec<(f64, usize)> = Vec::with_capacity(n);
    for (i, r) in ratios.iter().enumerate() {
        let exact = abs as f64 * r;
        let floor = (exact.floor() as i128).clamp(0, abs);
        shares.push(floor);
        remainders.push((exact - floor as f64, i));
    }
    let mut left = abs - shares.iter().sum::<i128>();
    remainders.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.1.cmp(&b.1))
    });
    let mut k = 0;
    while left > 0 {
        shares[remainders[k % n].1] += 1;
        left -= 1;
        k += 1;
    }
    while left < 0 {
        // Only reachable through float error; take pennies back from the largest shares.
        let i = (0..n).max_by_key(|&i| shares[i]).unwrap_or(0);
        shares[i] -= 1;
        left += 1;
    }
    shares
        .into_iter()
        .map(|s| Money(if negative { -(s as i64) } else { s as i64 }))
        .collect()
}

/// The shares of each council as ratios adding to 1 (equal when every weight is zero).
pub fn ratios(weights: &[f64]) -> Vec<f64> {
    let clean: Vec<f64> = weights
        .iter()
        .map(|w| if w.is_finite() && *w > 0.0 { *w } else { 0.0 })
        .collect();
    let sum: f64 = clean.iter().sum();
    if sum > 0.0 {
        clean.iter().map(|w| w / sum).collect()
    } else if clean.is_empty() {
        Vec::new()
    } else {
        vec![1.0 / clean.len() as f64; clean.len()]
    }
}

/// Rounds each of `exact` (pence, of either sign) to the penny so that they add up to `total`
/// exactly: each is rounded down and the pennies left go to the largest remainders (the earlier
/// on a tie), or, where rounding down leaves too much (only through float error), come back from
/// the smallest.
pub fn round_to_total(exact: &[f64], total: Money) -> Vec<Money> {
    let n = exact.len();
    if n == 0 {
        return Vec::new();
    }
    let clean: Vec<f64> = exact
        .iter()
        .map(|x| if x.is_finite() { *x } else { 0.0 })
        .collect();
    let mut whole: Vec<i64> = clean.iter().map(|x| x.floor() as i64).collect();
    let mut order: Vec<usize> = (0..n).collect();
    let remainder = |i: usize| clean[i] - clean[i].floor();
    order.sort_by(|&a, &b| remainder(b).total_cmp(&remainder(a)).then(a.cmp(&b)));
    let mut left = total.pence() - whole.iter().sum::<i64>();
    let mut k = 0;
    while left > 0 {
        whole[order[k % n]] += 1;
        left -= 1;
        k += 1;
    }
    k = 0;
    while left < 0 {
        whole[order[n - 1 - k % n]] -= 1;
        left += 1;
        k += 1;
    }
    whole.into_iter().map(Money).collect()
}

/// Rounds a table of exact shares (rows down, councils across) so that every row adds up to its
/// total and every council's column to its own total rounded once: each council's running total
/// down the rows is rounded by [`round_to_total`], and each cell is the step between two running
/// totals. A council's column therefore adds up to its whole share rounded once (never to the
/// pennies each row's rounding would leave), and a row to its total.
pub fn round_rows(exact: &[Vec<f64>], totals: &[Money]) -> Vec<Vec<Money>> {
    let Some(width) = exact.first().map(Vec::len) else {
        return Vec::new();
    };
    let mut running = vec![0.0; width];
    let mut running_total = Money::ZERO;
    let mut before = vec![Money::ZERO; width];
    exact
        .iter()
        .zip(totals)
        .map(|(row, total)| {
            for (r, x) in running.iter_mut().zip(row) {
                *r += x;
            }
            running_total += *total;
            let now = round_to_total(&running, running_total);
            let cells = now.iter().zip(&before).map(|(a, b)| *a - *b).collect();
            before = now;
            cells
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirds_add_up() {
        let shares = allocate(Money(100), &[1.0, 1.0, 1.0]);
        assert_eq!(shares, vec![Money(34), Money(33), Money(33)]);
        let shares = allocate(Money(-100), &[1.0, 1.0, 1.0]);
        assert_eq!(shares.iter().copied().sum::<Money>(), Money(-100));
    }

    #[test]
    fn zero_weights_share_equally() {
        assert_eq!(allocate(Money(10), &[0.0, 0.0]), vec![Money(5), Money(5)]);
        assert_eq!(allocate(Money(10), &[]), Vec::<Money>::new());
    }

    #[test]
    fn rounding_to_a_total_gives_the_pennies_to_the_largest_remainders() {
        assert_eq!(
            round_to_total(&[33.4, 33.3, 33.3], Money(100)),
            vec![Money(34), Money(33), Money(33)]
        );
        // Either sign: -0.5 rounds down to -1 and 0.5 to 0; both remainders are a half, so
        // the penny left goes to the earlier.
        assert_eq!(
            round_to_total(&[-0.5, 0.5], Money(0)),
            vec![Money(0), Money(0)]
        );
        assert_eq!(
            round_to_total(&[-100.25, 50.75, 50.5], Money(1)),
            vec![Money(-100), Money(51), Money(50)]
        );
    }

    #[test]
    fn equal_halves_of_five_functions_round_once_on_each_councils_total() {
        // Five functions each saving 1p: halved one at a time, the first council would take
        // every odd penny (5p against 0p). Rounded once on each council's total, they differ by
        // the one odd penny of the whole (5p: 3p and 2p), and each row still adds up to its
        // function.
        let rows = vec![vec![0.5, 0.5]; 5];
        let totals = vec![Money(1); 5];
        let cells = round_rows(&rows, &totals);
        for row in &cells {
            assert_eq!(row.iter().copied().sum::<Money>(), Money(1));
        }
        let council = |c: usize| cells.iter().map(|r| r[c]).sum::<Money>();
        assert_eq!((council(0), council(1)), (Money(3), Money(2)));
        // Function by function, 101p each: 50.5p a side, so 253p and 252p, not 255p and 250p.
        let cells = round_rows(&vec![vec![50.5, 50.5]; 5], &[Money(101); 5]);
        let council = |c: usize| cells.iter().map(|r| r[c]).sum::<Money>();
        assert_eq!((council(0), council(1)), (Money(253), Money(252)));
    }

    #[test]
    fn fifty_fifty() {
        assert_eq!(
            allocate(Money(14_200_001), &[0.5, 0.5]),
            vec![Money(7_100_001), Money(7_100_000)]
        );
    }
}
