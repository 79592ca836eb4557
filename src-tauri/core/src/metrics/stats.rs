//! The statistics the metrics use: quantiles by linear interpolation (the
//! rule of spreadsheets' PERCENTILE.INC, NumPy's default and DuckDB's
//! `quantile_cont`), the mean, and a seeded percentile bootstrap.

/// The `q` quantile (0 ≤ q ≤ 1) of values sorted ascending: the value at
/// rank `q·(n−1)`, interpolated linearly between neighbours. None when
/// there are no values.
pub fn quantile_sorted(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let low = rank.floor() as usize;
    let high = rank.ceil() as usize;
    Some(sorted[low] + (sorted[high] - sorted[low]) * (rank - low as f64))
}

/// The median of unsorted values.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    quantile_sorted(&sorted, 0.5)
}

pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Resamples drawn by [`bootstrap_median_difference`].
pub const RESAMPLES: usize = 2000;

/// A 95 % percentile-bootstrap interval for `median(after) − median(before)`:
/// each of [`RESAMPLES`] rounds draws both samples again with replacement
/// (from a generator seeded with `seed`, so the same data always give the
/// same interval) and the interval is the 2.5th and 97.5th percentiles of
/// the differences. None when either side is empty.
pub fn bootstrap_median_difference(before: &[f64], after: &[f64], seed: u64) -> Option<(f64, f64)> {
    if before.is_empty() || after.is_empty() {
        return None;
    }
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut scratch_a = vec![0.0; before.len()];
    let mut scratch_b = vec![0.0; after.len()];
    let mut differences = Vec::with_capacity(RESAMPLES);
    for _ in 0..RESAMPLES {
        let m_before = resampled_median(before, &mut scratch_a, &mut rng);
        let m_after = resampled_median(after, &mut scratch_b, &mut rng);
        differences.push(m_after - m_before);
    }
    differences.sort_by(f64::total_cmp);
    Some((
        quantile_sorted(&differences, 0.025)?,
        quantile_sorted(&differences, 0.975)?,
    ))
}

fn resampled_median(values: &[f64], scratch: &mut [f64], rng: &mut fastrand::Rng) -> f64 {
    for slot in scratch.iter_mut() {
        *slot = values[rng.usize(..values.len())];
    }
    scratch.sort_by(f64::total_cmp);
    quantile_sorted(scratch, 0.5).unwrap_or(0.0)
}
