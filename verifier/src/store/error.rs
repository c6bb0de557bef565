//! The store's errors (the HTTP layer answers them: `crate::http::problem`).

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database cannot be reached, or is too busy, now: a retry may
    /// succeed (answered 503).
    #[error("the share store is unavailable: {0}")]
    Unavailable(String),
    /// The store cannot be opened or migrated (at start).
    #[error("cannot open the share store: {0}")]
    Open(String),
    /// Any other database failure (answered 500; details only in the log).
    #[error("share store: {0}")]
    Failed(String),
}

/// Why a share was not stored.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Refused {
    /// The holder has as many live shares as allowed.
    #[error("this holder already has {0} live shares")]
    HolderQuota(usize),
    /// The store has reached its size cap.
    #[error("the share store is full")]
    Full,
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
        match e.sqlite_error_code() {
            Some(DatabaseBusy | DatabaseLocked) => Self::Unavailable(e.to_string()),
            _ => Self::Failed(e.to_string()),
        }
    }
}

impl From<rusqlite::Error> for Refused {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> Self {
        // A server-side SQL error has a SQLSTATE; a lost or refused
        // connection has none (or is in the connection/resource classes).
        let unavailable = match e.code() {
            None => true,
            Some(code) => {
                let c = code.code();
                c.starts_with("08") // connection exception
                    || c.starts_with("53") // insufficient resources
                    || c.starts_with("57") // operator intervention (shutdown, cancel)
                    || c == "40001" // serialization failure
                    || c == "40P01" // deadlock detected
            }
        };
        if unavailable || e.is_closed() {
            Self::Unavailable(e.to_string())
        } else {
            Self::Failed(e.to_string())
        }
    }
}

impl From<tokio_postgres::Error> for Refused {
    fn from(e: tokio_postgres::Error) -> Self {
        Self::Store(e.into())
    }
}

impl From<deadpool_postgres::PoolError> for StoreError {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        // Every pool error (no connection could be made in time, or the
        // server refused one) means the database is not available now.
        Self::Unavailable(e.to_string())
    }
}

impl From<deadpool_postgres::PoolError> for Refused {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        Self::Store(e.into())
    }
}
