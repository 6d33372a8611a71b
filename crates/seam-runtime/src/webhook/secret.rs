//! Reading a webhook secret: `whsec_<base64>` or bare base64, padding optional.

use base64::Engine as _;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use hmac::{Hmac, KeyInit};
use sha2::Sha256;

use super::{DEFAULT_TOLERANCE, SecretError, Webhook};

/// The prefix Seam (and Svix) show secrets with.
pub const SECRET_PREFIX: &str = "whsec_";

/// Secrets decode with or without `=` padding; signatures must be canonical standard base64
/// (then comparing decoded bytes is the same as comparing the text, as Svix does).
const SECRET_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

impl<E> Webhook<E> {
    /// A verifier for the endpoint secret `secret`, as Seam shows it (`whsec_<base64>`) or as bare
    /// base64 (padding optional). Surrounding whitespace is not trimmed.
    ///
    /// # Errors
    /// [`SecretError`] when the secret is empty, is not base64, or decodes to no bytes. The error
    /// never contains the secret.
    pub fn new(secret: &str) -> Result<Self, SecretError> {
        let encoded = secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret);
        if encoded.is_empty() {
            return Err(SecretError::Empty);
        }
        let key = SECRET_BASE64
            .decode(encoded)
            .map_err(|_| SecretError::NotBase64)?;
        if key.is_empty() {
            return Err(SecretError::Empty);
        }
        Ok(Self::from_key(&key))
    }

    /// A verifier keyed with raw secret bytes (what the base64 of a `whsec_` secret decodes to).
    pub fn from_key(key: &[u8]) -> Self {
        // HMAC takes keys of any length (longer ones are hashed), so this cannot fail.
        let mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of every length"));
        Self {
            mac,
            tolerance: DEFAULT_TOLERANCE,
            event: std::marker::PhantomData,
        }
    }
}
