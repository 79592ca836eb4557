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
        let now = Instant::now();
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
