//! The store's rules, written once: what counts toward the size cap, when a
//! per-holder cap is reached, when a row is expired, how expired rows are
//! purged. Both dialects ([`super::sqlite`], [`super::postgres`]) only read
//! and write rows; what those rows mean is decided here, by pure functions.
//!
//! # Size accounting (one for both backends)
//!
//! The size counted against [`super::Quota::max_bytes`] is
//! **the bytes of every stored document plus [`ROW_OVERHEAD`] per row**, over
//! every table that holds documents:
//!
//! * a share: its presentation (`vp`);
//! * an exchange: its letter (`payload`, while it waits) and its outcome
//!   (`result`, once answered);
//! * a hosted status list: its credential (`body`).
//!
//! The database keeps the two numbers (rows, document bytes) in one
//! `store_usage` row, maintained by triggers on every insert, update and
//! delete (by any replica, a purge, or by hand): reading them costs one row,
//! not a scan, and inside a writing transaction the row's lock orders
//! concurrent writers, so two replicas cannot both take the last room.
//!
//! Why this and not the file's pages (what SQLite used to count): the same
//! rule then holds on both backends, a replica cannot observe another
//! engine's free-page bookkeeping, and the count goes down exactly when a
//! row goes. [`ROW_OVERHEAD`] makes it a bound on the disk: a row costs
//! beyond its document at most the unused tail of its last page and its
//! index entries on SQLite (4 KiB pages), and less on PostgreSQL (tuple
//! header, TOAST chunks, index entries).
//!
//! Status lists count toward the store's size, but their own writes are
//! bounded by their own cap ([`super::StatusQuota`]), not by this one.
//!
//! # Expiry and purging (one for both backends)
//!
//! A share or an exchange is live while `expires > now` (the database's
//! clock on PostgreSQL, the process's on SQLite); reads never return an
//! expired row and caps never count one, so purging is only about space.
//! Expired rows are removed, on both backends, (1) by the periodic purge
//! (`Store::purge_expired`, run by the server every few minutes), in batches
//! of [`PURGE_BATCH`], and (2) once before a write would be refused as full
//! (then the write is tried again). Reads never purge.

/// Bytes counted per stored row on top of its document (see the module
/// documentation): a 4 KiB page of slack plus room for index entries.
pub const ROW_OVERHEAD: u64 = 8192;

/// Most expired rows one purge statement removes (short transactions;
/// concurrent purgers on PostgreSQL skip each other's rows).
pub const PURGE_BATCH: u64 = 500;

/// What the store holds, as the database counts it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// Rows holding documents (shares, exchanges, status lists).
    pub rows: i64,
    /// The bytes of their documents (UTF-8).
    pub document_bytes: i64,
}

impl Usage {
    /// The bytes counted against the size cap.
    pub fn counted(self) -> u64 {
        let rows = u64::try_from(self.rows.max(0)).unwrap_or(0);
        let bytes = u64::try_from(self.document_bytes.max(0)).unwrap_or(0);
        rows.saturating_mul(ROW_OVERHEAD).saturating_add(bytes)
    }
}

/// Whether the store may keep what it holds once a new row is in (`usage`
/// counts that row): the write is refused as full otherwise.
pub fn within_cap(usage: Usage, max_bytes: u64) -> bool {
    usage.counted() <= max_bytes
}

/// Whether one more live row fits a per-holder (or per-owner) cap, given how
/// many live rows the holder has now.
pub fn holder_has_room(live: i64, per_holder: usize) -> bool {
    usize::try_from(live.max(0)).unwrap_or(usize::MAX) < per_holder
}

/// Whether a purge loop is done: a batch shorter than [`PURGE_BATCH`] means
/// nothing expired is left (or other purgers hold it).
pub fn purge_done(removed_in_batch: u64) -> bool {
    removed_in_batch < PURGE_BATCH
}

/// The outcome of counting a refused answer, from the row the conditional
/// update returned (`None`: no live open exchange matched).
pub fn failed(row: Option<(i64, bool)>) -> super::exchanges::Failed {
    use super::exchanges::Failed;
    match row {
        None => Failed::Gone,
        Some((n, closed)) => {
            let n = u32::try_from(n.max(0)).unwrap_or(u32::MAX);
            if closed {
                Failed::Closed(n)
            } else {
                Failed::Open(n)
            }
        }
    }
}

/// Which table a purge batch works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiring {
    /// Shares.
    Shares,
    /// Exchanges.
    Exchanges,
}

impl Expiring {
    /// Every table whose rows expire, in purge order.
    pub const ALL: [Self; 2] = [Self::Shares, Self::Exchanges];

    /// The table's name (a constant: safe to put in SQL).
    pub fn table(self) -> &'static str {
        match self {
            Self::Shares => "shares",
            Self::Exchanges => "exchanges",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::exchanges::Failed;

    #[test]
    fn the_count_is_documents_plus_a_fixed_overhead_per_row() {
        assert_eq!(Usage::default().counted(), 0);
        let u = Usage {
            rows: 3,
            document_bytes: 1000,
        };
        assert_eq!(u.counted(), 1000 + 3 * ROW_OVERHEAD);
        // Nonsense from a hand-edited database never wraps around.
        let odd = Usage {
            rows: -1,
            document_bytes: i64::MAX,
        };
        assert_eq!(odd.counted(), i64::MAX as u64);
        let huge = Usage {
            rows: i64::MAX,
            document_bytes: i64::MAX,
        };
        assert_eq!(huge.counted(), u64::MAX);
    }

    #[test]
    fn the_cap_is_inclusive() {
        let u = Usage {
            rows: 1,
            document_bytes: 10,
        };
        assert!(within_cap(u, ROW_OVERHEAD + 10));
        assert!(!within_cap(u, ROW_OVERHEAD + 9));
        assert!(within_cap(u, u64::MAX));
    }

    #[test]
    fn holder_caps_count_live_rows() {
        assert!(holder_has_room(0, 1));
        assert!(!holder_has_room(1, 1));
        assert!(!holder_has_room(0, 0));
        assert!(holder_has_room(i64::MAX, usize::MAX));
        assert!(holder_has_room(-5, 1));
    }

    #[test]
    fn purging_stops_at_a_short_batch() {
        assert!(!purge_done(PURGE_BATCH));
        assert!(purge_done(PURGE_BATCH - 1));
        assert!(purge_done(0));
    }

    #[test]
    fn refused_answers() {
        assert_eq!(failed(None), Failed::Gone);
        assert_eq!(failed(Some((3, false))), Failed::Open(3));
        assert_eq!(failed(Some((10, true))), Failed::Closed(10));
    }

    #[test]
    fn expiring_tables() {
        let names: Vec<_> = Expiring::ALL.iter().map(|t| t.table()).collect();
        assert_eq!(names, ["shares", "exchanges"]);
    }
}
