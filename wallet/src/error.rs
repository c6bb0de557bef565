//! Hints for the wallet's own errors (the shared ones are in `om_cli::error`).

use crate::share::ShareError;
use crate::store::StoreError;

/// The hint for one of the wallet's own errors, if one is known.
pub fn hint_for(err: &(dyn std::error::Error + 'static)) -> Option<String> {
    if let Some(ShareError::Service(e)) = err.downcast_ref::<ShareError>() {
        return e.hint().map(str::to_string);
    }
    match err.downcast_ref::<StoreError>()? {
        StoreError::NotFound(_) => Some("see the ids with: om-wallet list".into()),
        StoreError::Ambiguous { .. } => Some("see the full ids with: om-wallet list --json".into()),
        _ => None,
    }
}
