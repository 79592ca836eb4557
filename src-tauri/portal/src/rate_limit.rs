//! Rate limits: a token bucket per key (a client's address, a link), so
//! neither a guesser nor a runaway script can wear the server or the
//! workspace down. A few dozen lines did not justify another dependency
//! tree; the keys and limits are the portal's own.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many requests a key may make at once, and how fast it earns more.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    pub burst: u32,
    pub per_second: f64,
}

impl Rate {
    pub const fn new(burst: u32, per_second: f64) -> Rate {
        Rate { burst, per_second }
    }
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Buckets by key. Full buckets are forgotten when the table grows past
/// `MAX_KEYS`, so a flood of new addresses cannot grow memory without end.
pub struct Buckets {
    rate: Rate,
    table: Mutex<HashMap<String, Bucket>>,
}

const MAX_KEYS: usize = 50_000;

impl Buckets {
    pub fn new(rate: Rate) -> Buckets {
        Buckets {
            rate,
            table: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `key`; false when its bucket is empty.
    pub fn take(&self, key: &str) -> bool {
        self.take_at(key, Instant::now())
    }

    /// Takes one token for `key` at `now`. The clock is a parameter so the
    /// tests can say how much time passes instead of sleeping through it.
    fn take_at(&self, key: &str, now: Instant) -> bool {
        let mut table = self.table.lock().unwrap_or_else(|p| p.into_inner());
        if table.len() >= MAX_KEYS && !table.contains_key(key) {
            let full = Duration::from_secs_f64(f64::from(self.rate.burst) / self.rate.per_second);
            table.retain(|_, b| now.duration_since(b.at) < full);
            if table.len() >= MAX_KEYS {
                // Still full of active keys: a flood. Refusing newcomers
                // keeps the clients already served going.
                return false;
            }
        }
        let burst = f64::from(self.rate.burst);
        let bucket = table.entry(key.to_owned()).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        let earned = now.duration_since(bucket.at).as_secs_f64() * self.rate.per_second;
        bucket.tokens = (bucket.tokens + earned).min(burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three at once, then one more every half second.
    fn three_then_two_a_second() -> Buckets {
        Buckets::new(Rate::new(3, 2.0))
    }

    /// Buckets whose "link" has just taken its whole burst, and when.
    fn emptied() -> (Buckets, Instant) {
        let buckets = three_then_two_a_second();
        let start = Instant::now();
        takes(&buckets, "link", 3, start);
        (buckets, start)
    }

    fn takes(buckets: &Buckets, key: &str, times: usize, now: Instant) -> Vec<bool> {
        (0..times).map(|_| buckets.take_at(key, now)).collect()
    }

    #[test]
    fn a_key_takes_its_burst_at_once_and_is_refused_after() {
        let buckets = three_then_two_a_second();
        let now = Instant::now();
        assert_eq!(
            takes(&buckets, "10.0.0.1", 5, now),
            [true, true, true, false, false]
        );
    }

    #[test]
    fn each_key_has_a_bucket_of_its_own() {
        let buckets = three_then_two_a_second();
        let now = Instant::now();
        assert_eq!(takes(&buckets, "link 1", 4, now), [true, true, true, false]);
        assert_eq!(takes(&buckets, "link 2", 3, now), [true, true, true]);
    }

    #[test]
    fn an_empty_bucket_earns_tokens_back_at_its_rate() {
        let (buckets, start) = emptied();
        let almost = start + Duration::from_millis(400);
        assert!(!buckets.take_at("link", almost), "not yet half a second");
        let later = start + Duration::from_millis(500);
        assert_eq!(takes(&buckets, "link", 2, later), [true, false]);
        let a_second_on = later + Duration::from_secs(1);
        assert_eq!(
            takes(&buckets, "link", 3, a_second_on),
            [true, true, false],
            "one second earns two tokens"
        );
    }

    #[test]
    fn a_bucket_idle_for_long_holds_no_more_than_its_burst() {
        let (buckets, start) = emptied();
        let an_hour_on = start + Duration::from_secs(3600);
        assert_eq!(
            takes(&buckets, "link", 4, an_hour_on),
            [true, true, true, false]
        );
    }

    /// Buckets that have just served as many keys as they keep, and when;
    /// each bucket refills in two seconds.
    fn full_table() -> (Buckets, Instant) {
        let buckets = Buckets::new(Rate::new(2, 1.0));
        let now = Instant::now();
        for i in 0..MAX_KEYS {
            assert!(buckets.take_at(&i.to_string(), now));
        }
        (buckets, now)
    }

    #[test]
    fn a_table_full_of_busy_keys_refuses_newcomers_but_serves_the_keys_it_has() {
        let (buckets, now) = full_table();
        assert!(
            !buckets.take_at("newcomer", now),
            "a flood of new addresses"
        );
        assert!(buckets.take_at("7", now), "a client already served");
    }

    #[test]
    fn a_full_table_forgets_the_keys_whose_buckets_have_refilled() {
        let (buckets, start) = full_table();
        let refilled = start + Duration::from_secs(3);
        assert!(buckets.take_at("newcomer", refilled));
        let table = buckets.table.lock().unwrap();
        assert_eq!(table.len(), 1, "only the newcomer is kept");
    }
}
