//! The schema's versions, one list for both dialects, each version a `.sql` file
//! under `store/migrations/{sqlite,postgres}/NNNN_name.sql`. Both backends
//! record what they applied in the table [`VERSIONS_TABLE`] (version, name,
//! when) and apply the missing versions in order, each in one transaction
//! with its record, when the store is opened.

/// One schema change.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// Its version (1, 2, …; applied in this order).
    pub version: i32,
    /// A short name (the SQL file's).
    pub name: &'static str,
    /// The SQL, run in one transaction with the version's record.
    pub sql: &'static str,
}

/// The table recording applied versions, in both dialects.
pub const VERSIONS_TABLE: &str = "om_schema_migrations";

/// Both dialects' lists from one list of versions, so that they cannot
/// number differently: `4 "0004" exchanges` reads
/// `migrations/sqlite/0004_exchanges.sql` and `migrations/postgres/0004_exchanges.sql`.
macro_rules! migrations {
    ($($version:literal $file:literal $name:ident),* $(,)?) => {
        /// SQLite's migrations, oldest first.
        pub const SQLITE: &[Migration] = &[$(Migration {
            version: $version,
            name: stringify!($name),
            sql: include_str!(concat!("migrations/sqlite/", $file, "_", stringify!($name), ".sql")),
        }),*];
        /// PostgreSQL's migrations, oldest first.
        pub const POSTGRES: &[Migration] = &[$(Migration {
            version: $version,
            name: stringify!($name),
            sql: include_str!(concat!("migrations/postgres/", $file, "_", stringify!($name), ".sql")),
        }),*];
    };
}

migrations!(
    1 "0001" shares,
    2 "0002" share_usage,
    3 "0003" status_lists,
    4 "0004" exchanges,
    5 "0005" exchange_failures,
    6 "0006" store_usage,
);

/// The newest version a list knows.
pub fn latest(list: &[Migration]) -> i32 {
    list.last().map_or(0, |m| m.version)
}

/// The refusal of a database whose schema is newer than this build knows.
pub fn newer(found: i32, known: i32) -> String {
    format!(
        "the database's schema version {found} is newer than this om-verifier knows ({known}); upgrade om-verifier"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_dialects_number_their_versions_alike() {
        let names = |l: &[Migration]| l.iter().map(|m| (m.version, m.name)).collect::<Vec<_>>();
        assert_eq!(names(SQLITE), names(POSTGRES));
        for (i, m) in SQLITE.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1, "versions are 1, 2, … in order");
        }
        assert_eq!(latest(SQLITE), SQLITE.len() as i32);
    }
}
