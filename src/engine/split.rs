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
    fn fifty_fifty() {
        assert_eq!(
            allocate(Money(14_200_001), &[0.5, 0.5]),
            vec![Money(7_100_001), Money(7_100_000)]
        );
    }
}
