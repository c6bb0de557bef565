//! The service's resource limits: verification slots (CPU), the share rate
//! per client address, live shares per holder, and the store's size (disk).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::http::problem::Problem;

/// Status list uploads one client address may make per minute (and in a burst).
pub const STATUS_UPLOADS_PER_MINUTE: u32 = 10;

/// Every limit the service applies; the defaults are the CLI's.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Verifications run at once (default: the number of cores).
    pub concurrent_verifications: usize,
    /// How long a request waits for a verification slot before 503.
    pub queue_wait: Duration,
    /// Wall-clock budget of a request.
    pub request_timeout: Duration,
    /// Shares one client address may create per minute.
    pub shares_per_minute: u32,
    /// Shares one client address may create in a burst.
    pub share_burst: u32,
    /// Live shares one holder may have.
    pub shares_per_holder: usize,
    /// Largest size of the share store, in bytes.
    pub max_store_bytes: u64,
    /// Most days a delivered letter waits for its participant.
    pub delivery_days: i64,
    /// Letters one issuer may have waiting for delivery.
    pub deliveries_per_issuer: usize,
    /// Employers' requests one client address may open per minute.
    pub checks_per_minute: u32,
}

/// The number of cores (at least 1).
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            concurrent_verifications: cores(),
            queue_wait: Duration::from_millis(250),
            request_timeout: Duration::from_secs(15),
            shares_per_minute: 10,
            share_burst: 10,
            shares_per_holder: 20,
            max_store_bytes: 512 * 1024 * 1024,
            delivery_days: 14,
            deliveries_per_issuer: 100,
            checks_per_minute: 30,
        }
    }
}

/// A bounded number of verification slots; excess requests wait at most
/// `queue_wait`, then get 503 with `Retry-After` (never an unbounded queue).
#[derive(Debug, Clone)]
pub struct VerifySlots {
    semaphore: Arc<Semaphore>,
    wait: Duration,
}

impl VerifySlots {
    /// `n` slots (at least 1), waiting at most `wait` for one.
    pub fn new(n: usize, wait: Duration) -> Self {
        Self {
            semaphore: Arc::new(Semaphore::new(n.max(1))),
            wait,
        }
    }

    /// Free slots now.
    pub fn available(&self) -> usize {
        self.semaphore.available_permits()
    }

    /// A slot, held until the permit is dropped (by the blocking task, so a
    /// timed-out request keeps its slot until its work has really ended).
    pub async fn acquire(&self) -> Result<OwnedSemaphorePermit, Problem> {
        if let Ok(p) = self.semaphore.clone().try_acquire_owned() {
            return Ok(p);
        }
        match tokio::time::timeout(self.wait, self.semaphore.clone().acquire_owned()).await {
            Ok(Ok(p)) => Ok(p),
            _ => {
                tracing::warn!("all verification slots busy: 503");
                Err(Problem::busy(1))
            }
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// A token bucket per client address (IPv6 addresses by their /64), with a
/// bounded number of tracked addresses.
#[derive(Debug)]
pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

/// Most addresses tracked at once; full buckets are forgotten first.
const MAX_TRACKED: usize = 100_000;

/// The key of a client address: IPv4 as is, IPv6 by its /64 (mapped IPv4 as IPv4).
pub(crate) fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return IpAddr::V4(v4);
            }
            let s = v6.segments();
            IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
    }
}

impl RateLimiter {
    /// `per_minute` requests a minute, bursts of `burst` (both at least 1).
    pub fn new(per_minute: u32, burst: u32) -> Self {
        Self {
            per_second: f64::from(per_minute.max(1)) / 60.0,
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `ip`, or tells in how many seconds one will be there.
    pub fn check(&self, ip: IpAddr) -> Result<(), u64> {
        self.check_at(ip, Instant::now())
    }

    /// Takes one token for `ip`, or answers 429 with `Retry-After`: "this
    /// address may {what} a minute".
    pub fn admit(&self, ip: IpAddr, what: &str) -> Result<(), Problem> {
        self.check(ip).map_err(|wait| {
            Problem::rate_limited(
                format!("this address may {what} a minute; try again in {wait} s"),
                wait,
            )
        })
    }

    fn check_at(&self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_TRACKED {
            let (rate, burst) = (self.per_second, self.burst);
            buckets.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * rate < burst);
            if buckets.len() >= MAX_TRACKED {
                // Still full (a flood of addresses): everyone starts again.
                buckets.clear();
            }
        }
        let b = buckets.entry(client_key(ip)).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let elapsed = now.saturating_duration_since(b.at).as_secs_f64();
        b.tokens = (b.tokens + elapsed * self.per_second).min(self.burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - b.tokens) / self.per_second).ceil() as u64)
        }
    }
}

/// Refused answers an exchange takes before it closes: a junk or wrongly
/// signed answer leaves an exchange open, but not for ever.
pub const MAX_REFUSED_ANSWERS: u32 = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_bucket_allows_the_burst_then_the_rate() {
        let r = RateLimiter::new(6, 3);
        let ip: IpAddr = "203.0.113.7".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(r.check_at(ip, t0).is_ok());
        }
        // 6 a minute: the next token comes in 10 s.
        assert_eq!(r.check_at(ip, t0), Err(10));
        assert!(r.check_at(ip, t0 + Duration::from_secs(10)).is_ok());
        assert!(r.check_at(ip, t0 + Duration::from_secs(11)).is_err());
        // Another address has its own bucket; the same /64 shares one.
        assert!(r.check_at("203.0.113.8".parse().unwrap(), t0).is_ok());
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2::ffff".parse().unwrap();
        for _ in 0..3 {
            assert!(r.check_at(a, t0).is_ok());
        }
        assert!(r.check_at(b, t0).is_err());
    }

    #[tokio::test]
    async fn slots_answer_busy_when_saturated() {
        let s = VerifySlots::new(1, Duration::from_millis(20));
        let held = s.acquire().await.unwrap();
        let p = s.acquire().await.unwrap_err();
        assert_eq!(p.status, 503);
        assert_eq!(p.retry_after, Some(1));
        drop(held);
        assert!(s.acquire().await.is_ok());
    }
}
