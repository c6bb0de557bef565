//! VC-API exchanges kept by the store (see `specs/exchanges.md`): letters
//! waiting for delivery, and employers' requests waiting for an answer.
//!
//! Every change of state is one conditional statement (or one transaction)
//! in the database, so an exchange is used once even when several replicas
//! receive answers for it at the same moment.

use chrono::{DateTime, Utc};

use super::{random_b64, token_hash, Deleted, Quota, Refused, Store, StoreError};

/// What an exchange is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExchangeKind {
    /// A letter waiting for its subject (a mentor delivers to a participant).
    Delivery,
    /// An employer asks a participant for their letters (`/ask`; stored as
    /// `"check"`, its name before it was named for who asks whom).
    EmployerAsks,
}

impl ExchangeKind {
    /// The name stored in the database.
    pub fn name(self) -> &'static str {
        match self {
            Self::Delivery => "delivery",
            Self::EmployerAsks => "check",
        }
    }

    pub(crate) fn from_name(s: &str) -> Option<Self> {
        match s {
            "delivery" => Some(Self::Delivery),
            "check" => Some(Self::EmployerAsks),
            _ => None,
        }
    }
}

/// A live exchange, as stored (a delivery's letter is not read here).
#[derive(Debug, Clone)]
pub struct Exchange {
    /// The exchange id (144 random bits, base64url).
    pub id: String,
    /// What it is for.
    pub kind: ExchangeKind,
    /// The challenge the answer must be signed for (single use).
    pub challenge: String,
    /// A delivery's subject: the DID the holder must prove control of.
    pub subject: Option<String>,
    /// Whether it has been answered (a delivery released, a check decided).
    pub complete: bool,
    /// A check's outcome (JSON), once answered.
    pub result: Option<String>,
    /// How many answers were refused so far (they do not use it up).
    pub failures: u32,
    /// When it ends.
    pub expires: DateTime<Utc>,
}

/// An exchange to create.
#[derive(Debug, Clone)]
pub struct NewExchange {
    /// What it is for.
    pub kind: ExchangeKind,
    /// Who created it, for the per-owner cap (a delivery's issuer DID).
    pub owner: Option<String>,
    /// A delivery's subject DID.
    pub subject: Option<String>,
    /// A delivery's letter, exactly as received.
    pub payload: Option<String>,
    /// How long it lives.
    pub lifetime: chrono::Duration,
}

/// An exchange just created: its id, challenge and bearer token (returned once;
/// only its SHA-256 is stored). The token withdraws a delivery, or shows a
/// check's outcome.
#[derive(Debug, Clone)]
pub struct CreatedExchange {
    /// The exchange id.
    pub id: String,
    /// Its challenge.
    pub challenge: String,
    /// The bearer token.
    pub token: String,
    /// When it ends.
    pub expires: DateTime<Utc>,
}

/// The generated secrets of an exchange about to be stored.
pub(crate) struct Secrets {
    pub(crate) id: String,
    pub(crate) challenge: String,
    pub(crate) token: String,
    pub(crate) token_hash: String,
}

impl Secrets {
    fn generate() -> Self {
        let token = random_b64(32);
        Self {
            id: random_b64(18),
            challenge: random_b64(24),
            token_hash: token_hash(&token),
            token,
        }
    }

    pub(crate) fn created(self, expires: DateTime<Utc>) -> CreatedExchange {
        CreatedExchange {
            id: self.id,
            challenge: self.challenge,
            token: self.token,
            expires,
        }
    }
}

/// What recording a refused answer did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failed {
    /// Counted: the exchange stays open, with this many refused answers.
    Open(u32),
    /// Counted, and it was the last one allowed: the exchange is closed (a
    /// delivery's letter erased, a check's `closing` result recorded).
    Closed(u32),
    /// No live open exchange with that challenge (used, expired, withdrawn).
    Gone,
}

/// What answering a delivery did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    /// The letter, released once; the exchange is complete and holds it no more.
    Letter(String),
    /// No live pending delivery with that challenge (answered already,
    /// withdrawn, expired, or another challenge).
    Gone,
}

impl Store {
    /// Stores a new exchange unless its owner's cap or the store's size cap
    /// would be passed (one transaction).
    pub async fn create_exchange(
        &self,
        new: NewExchange,
        quota: Quota,
    ) -> Result<CreatedExchange, Refused> {
        let secrets = Secrets::generate();
        let owner = new.owner.as_ref().map(|h| h.replace('\0', "\u{fffd}"));
        let new = NewExchange { owner, ..new };
        let expires = self
            .purging_when_full(|| async {
                dispatch!(self, s => s.create_exchange(&secrets, &new, quota))
            })
            .await?;
        Ok(secrets.created(expires))
    }

    /// A live exchange (never an expired one).
    pub async fn exchange(&self, id: &str) -> Result<Option<Exchange>, StoreError> {
        if !super::plausible_id(id) {
            return Ok(None);
        }
        dispatch!(self, s => s.exchange(id))
    }

    /// The live exchange whose bearer token is `token` (an employer's view).
    pub async fn exchange_by_token(&self, token: &str) -> Result<Option<Exchange>, StoreError> {
        if !super::plausible_id(token) {
            return Ok(None);
        }
        let hash = token_hash(token);
        dispatch!(self, s => s.exchange_by_token(&hash))
    }

    /// Releases a pending delivery's letter once, if `challenge` is its
    /// challenge: the exchange becomes complete and the letter is erased in
    /// the same statement, so two answers cannot both receive it.
    pub async fn take_delivery(&self, id: &str, challenge: &str) -> Result<Taken, StoreError> {
        if !super::plausible_id(id) {
            return Ok(Taken::Gone);
        }
        dispatch!(self, s => s.take_delivery(id, challenge))
    }

    /// Records a check's outcome once, if `challenge` is its challenge and it
    /// is still pending; false otherwise.
    pub async fn finish_check(
        &self,
        id: &str,
        challenge: &str,
        result: &str,
    ) -> Result<bool, StoreError> {
        if !super::plausible_id(id) {
            return Ok(false);
        }
        dispatch!(self, s => s.finish_check(id, challenge, result))
    }

    /// Counts a refused answer to a pending exchange (one conditional
    /// statement). The `max`-th refused answer closes it: a delivery's letter
    /// is erased, a check records `closing` as its result.
    pub async fn fail_answer(
        &self,
        id: &str,
        challenge: &str,
        max: u32,
        closing: Option<&str>,
    ) -> Result<Failed, StoreError> {
        if !super::plausible_id(id) {
            return Ok(Failed::Gone);
        }
        dispatch!(self, s => s.fail_answer(id, challenge, max, closing))
    }

    /// Withdraws a pending delivery if `token` is its token: the row and
    /// the letter are deleted.
    pub async fn withdraw_exchange(&self, id: &str, token: &str) -> Result<Deleted, StoreError> {
        if !super::plausible_id(id) {
            return Ok(Deleted::NotFound);
        }
        let hash = token_hash(token);
        dispatch!(self, s => s.withdraw_exchange(id, &hash))
    }
}
