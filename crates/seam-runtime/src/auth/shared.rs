//! The credentials of a live client: a fixed mode and auth headers that
//! `update_client_session_token` may replace, shared by every clone of the client.

use std::sync::{Arc, PoisonError, RwLock};

use reqwest::header::HeaderMap;

use crate::auth_mode::AuthMode;
use crate::error::Result;

use super::Auth;

/// The credentials of a live client: its mode (fixed) and its auth headers, which
/// `update_client_session_token` may replace. Shared by every clone of the client.
pub(crate) struct SharedAuth {
    mode: AuthMode,
    current: RwLock<Arc<CurrentAuth>>,
}

/// One credential's headers and what `Debug` may show of it.
pub(crate) struct CurrentAuth {
    pub headers: HeaderMap,
    pub summary: String,
}

impl CurrentAuth {
    /// The headers and summary of `auth` (validated).
    pub(crate) fn of(auth: &Auth) -> Result<CurrentAuth> {
        Ok(CurrentAuth {
            headers: auth.headers()?,
            summary: format!("{auth:?}"),
        })
    }
}

impl SharedAuth {
    pub(crate) fn new(auth: &Auth) -> Result<SharedAuth> {
        Ok(SharedAuth {
            mode: auth.mode(),
            current: RwLock::new(Arc::new(CurrentAuth::of(auth)?)),
        })
    }

    pub(crate) fn mode(&self) -> AuthMode {
        self.mode
    }

    /// The credential in force now (a poisoned lock still holds a whole value: it is only ever
    /// replaced, never changed in place).
    pub(crate) fn current(&self) -> Arc<CurrentAuth> {
        Arc::clone(&self.current.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Replaces the credential in force; the mode stays the same.
    pub(crate) fn replace(&self, next: Arc<CurrentAuth>) {
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = next;
    }
}
